package io.jkeepalived.lvs.ipvs;

/** IPVS generic netlink commands, attributes and flags, as linux/ip_vs.h numbers them. */
final class Ipvs {
    private Ipvs() {}

    static final String FAMILY = "IPVS";
    static final int VERSION = 1;

    static final int CMD_NEW_SERVICE = 1;
    static final int CMD_SET_SERVICE = 2;
    static final int CMD_DEL_SERVICE = 3;
    static final int CMD_GET_SERVICE = 4;
    static final int CMD_NEW_DEST = 5;
    static final int CMD_SET_DEST = 6;
    static final int CMD_DEL_DEST = 7;
    static final int CMD_GET_DEST = 8;
    static final int CMD_NEW_DAEMON = 9;
    static final int CMD_DEL_DAEMON = 10;
    static final int CMD_SET_CONFIG = 12;
    static final int CMD_FLUSH = 17;

    static final int CMD_ATTR_SERVICE = 1;
    static final int CMD_ATTR_DEST = 2;
    static final int CMD_ATTR_DAEMON = 3;
    static final int CMD_ATTR_TIMEOUT_TCP = 4;
    static final int CMD_ATTR_TIMEOUT_TCP_FIN = 5;
    static final int CMD_ATTR_TIMEOUT_UDP = 6;

    static final int SVC_ATTR_AF = 1;
    static final int SVC_ATTR_PROTOCOL = 2;
    static final int SVC_ATTR_ADDR = 3;
    static final int SVC_ATTR_PORT = 4;
    static final int SVC_ATTR_FWMARK = 5;
    static final int SVC_ATTR_SCHED_NAME = 6;
    static final int SVC_ATTR_FLAGS = 7;
    static final int SVC_ATTR_TIMEOUT = 8;
    static final int SVC_ATTR_NETMASK = 9;
    static final int SVC_ATTR_PE_NAME = 11;

    static final int DEST_ATTR_ADDR = 1;
    static final int DEST_ATTR_PORT = 2;
    static final int DEST_ATTR_FWD_METHOD = 3;
    static final int DEST_ATTR_WEIGHT = 4;
    static final int DEST_ATTR_U_THRESH = 5;
    static final int DEST_ATTR_L_THRESH = 6;
    static final int DEST_ATTR_ADDR_FAMILY = 11;
    static final int DEST_ATTR_TUN_TYPE = 13;
    static final int DEST_ATTR_TUN_PORT = 14;
    static final int DEST_ATTR_TUN_FLAGS = 15;

    static final int DAEMON_ATTR_STATE = 1;
    static final int DAEMON_ATTR_MCAST_IFN = 2;
    static final int DAEMON_ATTR_SYNC_ID = 3;
    static final int DAEMON_ATTR_SYNC_MAXLEN = 4;
    static final int DAEMON_ATTR_MCAST_GROUP = 5;
    static final int DAEMON_ATTR_MCAST_GROUP6 = 6;
    static final int DAEMON_ATTR_MCAST_PORT = 7;
    static final int DAEMON_ATTR_MCAST_TTL = 8;

    static final int SVC_F_PERSISTENT = 0x0001;
    static final int SVC_F_HASHED = 0x0002;
    static final int SVC_F_ONEPACKET = 0x0004;
    static final int SVC_F_SCHED1 = 0x0008;
    static final int SVC_F_SCHED2 = 0x0010;
    static final int SVC_F_SCHED3 = 0x0020;

    static final int CONN_F_FWD_MASK = 0x0007;
    static final int CONN_F_MASQ = 0x0000;
    static final int CONN_F_LOCALNODE = 0x0001;
    static final int CONN_F_TUNNEL = 0x0002;
    static final int CONN_F_DROUTE = 0x0003;

    static final int TUNNEL_TYPE_IPIP = 0;
    static final int TUNNEL_TYPE_GUE = 1;
    static final int TUNNEL_TYPE_GRE = 2;
    static final int TUNNEL_ENCAP_FLAG_NOCSUM = 0;
    static final int TUNNEL_ENCAP_FLAG_CSUM = 1;
    static final int TUNNEL_ENCAP_FLAG_REMCSUM = 2;

    static final int STATE_MASTER = 1;
    static final int STATE_BACKUP = 2;

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_SCTP = 132;
}
