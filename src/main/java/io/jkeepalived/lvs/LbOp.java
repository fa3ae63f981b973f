package io.jkeepalived.lvs;

/** One change to a load-balancer table, in the order a backend must apply them. */
public sealed interface LbOp {

    ServiceKey service();

    record AddService(Service spec) implements LbOp {
        public ServiceKey service() { return spec.key(); }
    }

    /** Scheduler, persistence, flags or persistence engine changed: IPVS edits all in place; destinations stay. */
    record EditService(Service spec) implements LbOp {
        public ServiceKey service() { return spec.key(); }
    }

    /** Removes the service and, with it, all its destinations. */
    record RemoveService(ServiceKey service) implements LbOp {}

    record AddDestination(ServiceKey service, Destination destination) implements LbOp {}

    /** Weight, method, thresholds or tunnel changed: IPVS edits all in place, connections stay. */
    record EditDestination(ServiceKey service, Destination destination) implements LbOp {}

    record RemoveDestination(ServiceKey service, Destination.Key destination) implements LbOp {}
}
