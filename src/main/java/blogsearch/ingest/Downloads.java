package blogsearch.ingest;

import blogsearch.feed.Fetcher;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How feeds from http(s) URLs are downloaded for indexing: hosts in turn, each feed whole before it is read. */
final class Downloads {
    /**
     * Feeds from http(s) URLs downloaded at once, on threads of their own: a download mostly waits on a server,
     * and two slow or stalled servers held every indexing thread for two minutes while a good feed waited.
     */
    static final int AT_ONCE = 16;
    /** Downloads up to this size are kept in memory; larger ones go to a temporary file. */
    static final int IN_MEMORY = 1 << 20;

    private Downloads() {}

    /** Whether {@code location} is downloaded (rather than a local file). */
    static boolean remote(URI location) {
        String scheme = String.valueOf(location.getScheme());
        return scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https");
    }

    /**
     * Feeds in an order that alternates their hosts, so that the downloads going on at once are from as many
     * hosts as there are: one slow host's feeds do not take every download in turn.
     */
    static List<URI> alternatingHosts(List<URI> locations) {
        Map<String, ArrayDeque<URI>> byHost = new LinkedHashMap<>();
        for (URI u : locations) {
            byHost.computeIfAbsent(String.valueOf(u.getHost()), h -> new ArrayDeque<>()).add(u);
        }
        List<URI> out = new ArrayList<>(locations.size());
        while (!byHost.isEmpty()) {
            for (Iterator<ArrayDeque<URI>> it = byHost.values().iterator(); it.hasNext(); ) {
                ArrayDeque<URI> q = it.next();
                out.add(q.poll());
                if (q.isEmpty()) {
                    it.remove();
                }
            }
        }
        return out;
    }

    /**
     * The body, downloaded in full first unless it is a local file: a feed is parsed while the commit lock is
     * held, and a slow server must not hold back every other feed's commit (and, the lock being fair, every
     * other worker). The fetcher bounds the size and the time of a download; a large one is spooled to a
     * temporary file (deleted when read), so no feed sits in memory whole.
     */
    static BufferedInputStream whole(Fetcher.Body body) throws IOException {
        if ("file".equalsIgnoreCase(body.uri().getScheme())) {
            return (BufferedInputStream) body.in();
        }
        byte[] head = body.in().readNBytes(IN_MEMORY);
        if (head.length < IN_MEMORY) {
            return new BufferedInputStream(new ByteArrayInputStream(head));
        }
        Path spool = Files.createTempFile("blogsearch-feed-", ".xml");
        try (OutputStream out = Files.newOutputStream(spool)) {
            out.write(head);
            body.in().transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        return new BufferedInputStream(Files.newInputStream(spool, StandardOpenOption.DELETE_ON_CLOSE), 1 << 16);
    }
}
