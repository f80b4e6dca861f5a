package blogsearch.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import blogsearch.engine.IndexError;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the engine signs in and whom it trusts, against servers on loopback: credentials from the environment go
 * in every request, and a server whose certificate the JDK does not trust is refused, saying so.
 */
class ClusterConnectionTest {
    @TempDir
    Path dir;

    @Test
    void basicAuthenticationOrAnApiKeyGoesWithEveryRequest() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(OpenSearchEngine.exists(options(url, Rest.authorization("reader", "pa:ss", null)))).isFalse();
            assertThat(OpenSearchEngine.exists(options(url, Rest.authorization("reader", "pa:ss", " a2V5 ")))).isFalse();
            assertThat(OpenSearchEngine.exists(options(url, Rest.authorization(null, null, null)))).isFalse();
            assertThat(seen).containsExactly("Basic cmVhZGVyOnBhOnNz", "ApiKey a2V5", "null");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServerWithACertificateTheJdkDoesNotTrustIsRefusedWithAClearMessage() throws Exception {
        Path keystore = dir.resolve("self-signed.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        List<String> reached = new CopyOnWriteArrayList<>();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            reached.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "https://127.0.0.1:" + server.getAddress().getPort();
            assertThatThrownBy(() -> OpenSearchEngine.exists(options(url, Rest.authorization("u", "secret", null))))
                    .isInstanceOf(IndexError.class)
                    .hasMessageContaining("OpenSearch at " + url + "/ is not trusted over TLS")
                    .hasMessageContaining("trust store")
                    .hasMessageNotContaining("secret");
            assertThat(reached).as("no request got through").isEmpty();
        } finally {
            server.stop(0);
        }
    }

    private static OpenSearchEngine.Options options(String url, Optional<String> authorization) {
        return new OpenSearchEngine.Options(List.of(URI.create(url + "/")), "blogsearch", 1, 0, authorization);
    }
}
