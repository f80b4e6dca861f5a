package blogsearch.bench;

import blogsearch.post.Post;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Posts as already-clean text in a compact binary file: what the raw-Lucene baseline reads, cheaply. */
final class CleanPosts {
    private CleanPosts() {}

    static Writer writer(Path file) throws IOException {
        return new Writer(new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)));
    }

    static final class Writer implements AutoCloseable {
        private final DataOutputStream out;

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void write(Post p) throws IOException {
            for (String s : List.of(p.id(), p.url(), p.title(), p.author(), p.feedTitle(), p.feedUrl(), p.language(),
                    p.text(), p.summary())) {
                string(s);
            }
            out.writeLong(p.published().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
            out.writeInt(p.tags().size());
            for (String t : p.tags()) {
                string(t);
            }
        }

        private void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    static final class Reader implements AutoCloseable {
        private final DataInputStream in;

        Reader(Path file) throws IOException {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        }

        /** The next post, or null at the end. */
        Post next() throws IOException {
            String id;
            try {
                id = string();
            } catch (EOFException e) {
                return null;
            }
            String url = string();
            String title = string();
            String author = string();
            String feedTitle = string();
            String feedUrl = string();
            String language = string();
            String text = string();
            String summary = string();
            long published = in.readLong();
            int tagCount = in.readInt();
            List<String> tags = new ArrayList<>(tagCount);
            for (int i = 0; i < tagCount; i++) {
                tags.add(string());
            }
            return new Post(id, url, title, author,
                    published == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(published)),
                    Optional.empty(), tags, feedTitle, feedUrl, language, text, summary);
        }

        private String string() throws IOException {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
