package io.jkeepalived.check.probe;

import io.jkeepalived.config.model.SslContext;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client TLS context of SSL_GET, from the global {@code SSL { }} block.
 *
 * <p>Like keepalived (OpenSSL's client default, no verify mode set), the server's certificate is
 * not verified: SSL_GET asks "does the service answer", not "is it who it claims". {@code ca} is
 * read and must parse, but only so that a broken path is reported. {@code certificate}/{@code key}
 * give a client certificate for servers that require one.
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static SSLContext of(SslContext cfg) throws IOException, GeneralSecurityException {
        if (cfg.ca().isPresent()) {
            PemFiles.certificates(Path.of(cfg.ca().get()));
        }
        KeyManager[] keys = null;
        if (cfg.certificate().isPresent()) {
            List<Certificate> chain = PemFiles.certificates(Path.of(cfg.certificate().get()));
            var key = PemFiles.privateKey(Path.of(cfg.key().orElse(cfg.certificate().get())), cfg.password());
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = new char[0];
            ks.setKeyEntry("client", key, pw, chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            keys = kmf.getKeyManagers();
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys, new TrustManager[] {new AcceptAny()}, null);
        return ctx;
    }

    /** The context used when there is no {@code SSL} block. */
    public static SSLContext defaults() {
        try {
            return of(new SslContext(java.util.Optional.empty(), java.util.Optional.empty(),
                    java.util.Optional.empty(), java.util.Optional.empty()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
    }

    private static final class AcceptAny extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] c, String a) {}
        @Override public void checkServerTrusted(X509Certificate[] c, String a) {}
        @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {}
        @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {}
        @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {}
        @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {}
        @Override public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
