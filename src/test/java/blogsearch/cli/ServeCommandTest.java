package blogsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What serve refuses before it starts: each case ends with one line naming the problem, and creates nothing. (A
 * case that started a server would wait for a signal: the time limit ends it.)
 */
@Timeout(60)
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void aMissingIndexOtherThanTheDefaultIsAnErrorNamingItAndIsNotCreated() {
        Path typo = dir.resolve("indx");

        Invocation r = Invocation.of("serve", "--index", typo.toString(), "--port", "0");

        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: no index at " + typo).contains("--create");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(typo).doesNotExist();
    }

    @Test
    void anAddressThatIsNoAddressIsNamedAsSuch() {
        for (String host : new String[] {"999.1.1.1", "no-such-host.invalid"}) {
            Invocation r = Invocation.of("serve", "--host", host, "--port", "0", "--index", dir.toString());

            assertThat(r.code()).as("%s", r).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("error: --host " + host + " is not a valid address or host name");
        }
    }

    @Test
    void anAddressOfAnotherMachineIsNamedAsSuch() {
        // TEST-NET-3 (RFC 5737): documentation only, never an address of this machine.
        Invocation r = Invocation.of("serve", "--host", "203.0.113.7", "--port", "0", "--index", dir.toString());

        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --host 203.0.113.7 is not an address of this machine");
    }

    @Test
    void aPortInUseIsNamedAsSuch() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            Invocation r = Invocation.of("serve", "--port", String.valueOf(port), "--index", dir.toString());

            assertThat(r.code()).as("%s", r).isEqualTo(1);
            assertThat(r.err().strip()).isEqualTo("error: port " + port
                    + " is already in use on 127.0.0.1: stop what listens there, or choose another --port");
        }
        assertThat(Files.list(dir)).isEmpty();
    }
}
