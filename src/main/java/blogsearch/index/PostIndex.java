package blogsearch.index;


import blogsearch.engine.Engine;
import blogsearch.engine.FeedRecord;
import blogsearch.engine.IndexError;
import blogsearch.engine.PostRecord;
import blogsearch.engine.VectorRecord;
import blogsearch.post.Post;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FileSwitchDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one index on disk: the directory, the writer (unless read-only) and the searchers.
 *
 * <p>Searchers come from a {@link SearcherManager}: near-real-time from the writer when writable, from the
 * last commit when read-only (so the CLI can search while a server holds the write lock).
 */
public final class PostIndex implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(PostIndex.class);

    private final Path path;
    private final Directory directory;
    private final double ramBufferMb;
    // Replaced together (under this object's lock) when a failed writer is reopened; null when read-only.
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    // Posts are put under its read lock (many at once), vectors under its write lock: see putVectors.
    private final ReentrantReadWriteLock vectorLock = new ReentrantReadWriteLock();

    private PostIndex(Path path, Directory directory, double ramBufferMb, IndexWriter writer,
            SearcherManager searchers) {
        this.path = path;
        this.directory = directory;
        this.ramBufferMb = ramBufferMb;
        this.writer = writer;
        this.searchers = searchers;
    }

    /** Opens the index at {@code path} for writing, creating it if needed. */
    public static PostIndex open(Path path, double ramBufferMb) {
        return open(path, ramBufferMb, UnaryOperator.identity());
    }

    /** As {@link #open(Path, double)}, with the directory wrapped: tests use this to make the disk fail. */
    static PostIndex open(Path path, double ramBufferMb, UnaryOperator<Directory> wrap) {
        Directory dir = null;
        try {
            Files.createDirectories(path);
            dir = wrap.apply(directory(path));
            checkVersion(dir, path);
            IndexWriter writer = newWriter(dir, ramBufferMb);
            if (!DirectoryReader.indexExists(dir)) {
                writer.commit(); // an empty index that readers can open
            }
            return new PostIndex(path, dir, ramBufferMb, writer, new SearcherManager(writer, searcherFactory()));
        } catch (LockObtainFailedException e) {
            closeQuietly(dir);
            throw new IndexError("index " + path + " is in use by another blogsearch process (a running server?)", e);
        } catch (AccessDeniedException e) {
            closeQuietly(dir);
            throw new IndexError("cannot write to index " + path + ": permission denied", e);
        } catch (IOException e) {
            closeQuietly(dir);
            throw new IndexError("cannot open index " + path + " for writing: " + e.getMessage(), e);
        }
    }

    public static PostIndex open(Path path) {
        return open(path, 64);
    }

    private static IndexWriter newWriter(Directory dir, double ramBufferMb) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(PostSchema.analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setSimilarity(PostSchema.similarity())
                .setCodec(PostSchema.codec())
                .setRAMBufferSizeMB(ramBufferMb)
                .setMergeScheduler(new ConcurrentMergeScheduler() {
                    @Override
                    protected void handleMergeException(Throwable e) {
                        // Lucene's default prints the merge thread's stack trace. The writer keeps the segments
                        // it could not merge, and a full disk also fails the next write, which reports it.
                        LOG.warn("merging index segments failed: {}", describe(e));
                    }
                })
                .setCommitOnClose(false) // only whole batches are committed, and only on purpose
                .setUseCompoundFile(false); // separate files, so stored fields can be read without mapping
        config.getMergePolicy().setNoCFSRatio(0.0);
        IndexWriter writer = new IndexWriter(dir, config);
        writer.setLiveCommitData(Map.of(PostSchema.VERSION_KEY, PostSchema.VERSION).entrySet());
        return writer;
    }

    /**
     * After a write failed and closed the writer (a full disk, a refused write), opens a new one from the last
     * commit, so that writing goes on once the cause is gone; does nothing while the writer is open. Searches
     * see the last commit from then on.
     */
    public synchronized void reopenIfFailed() {
        IndexWriter failed = writer;
        if (failed == null || (failed.isOpen() && failed.getTragicException() == null)) {
            return;
        }
        SearcherManager old = searchers;
        try {
            // A writer that failed closes itself on the thread that hit the failure, a merge's perhaps: wait for
            // that to finish and free the index's lock.
            failed.rollback();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the failed index writer: {}", describe(e));
        }
        try {
            IndexWriter fresh = newWriter(directory, ramBufferMb);
            searchers = new SearcherManager(fresh, searcherFactory());
            writer = fresh;
        } catch (IOException | RuntimeException e) {
            throw new IndexError("cannot reopen index " + path + " for writing: " + describe(e), e);
        }
        LOG.info("index {} reopened for writing from its last commit after: {}", path, describe(failureOf(failed)));
        closeQuietly(old); // searches holding its searchers release them to the new one: a release only decrements
    }

    /** Why the writer failed and closed itself, if it did. */
    public Optional<String> writeFailure() {
        IndexWriter w = writer;
        return w == null || (w.isOpen() && w.getTragicException() == null) ? Optional.empty()
                : Optional.of(describe(failureOf(w)));
    }

    private static Throwable failureOf(IndexWriter w) {
        Throwable tragedy = w.getTragicException();
        return tragedy != null ? tragedy : new IllegalStateException("the index writer was closed");
    }

    /** Opens the index at {@code path} for searching only; it must exist. */
    public static PostIndex openReadOnly(Path path) {
        Directory dir = null;
        try {
            if (!Files.isDirectory(path)) {
                throw new IndexError("no index at " + path + ": run 'blogsearch index' first", null);
            }
            dir = directory(path);
            if (!DirectoryReader.indexExists(dir)) {
                throw new IndexError("no index at " + path + ": run 'blogsearch index' first", null);
            }
            checkVersion(dir, path);
            return new PostIndex(path, dir, 0, null, new SearcherManager(dir, searcherFactory()));
        } catch (IOException e) {
            closeQuietly(dir);
            throw new IndexError("cannot open index " + path + ": " + e.getMessage(), e);
        } catch (IndexError e) {
            closeQuietly(dir);
            throw e;
        }
    }

    private static void checkVersion(Directory dir, Path path) throws IOException {
        if (!DirectoryReader.indexExists(dir)) {
            return;
        }
        String version = SegmentInfos.readLatestCommit(dir).getUserData().get(PostSchema.VERSION_KEY);
        if (version != null && !version.equals(PostSchema.VERSION)) {
            throw new IndexError("index " + path + " has layout version " + version + ", this blogsearch needs "
                    + PostSchema.VERSION + ": delete the folder and index again", null);
        }
    }

    private static SearcherFactory searcherFactory() {
        return new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
                    org.apache.lucene.index.IndexReader previous) {
                IndexSearcher s = new IndexSearcher(reader);
                s.setSimilarity(PostSchema.similarity());
                return s;
            }
        };
    }

    /**
     * The index's files: memory-mapped, as Lucene reads fastest, except stored fields (the posts' text, most
     * of the index), positions and offsets, and the vectors as floats (searches use their int8 copies; the floats
     * are read a few at a time, for feedback and related posts), which are read with ordinary reads (and cached
     * by the operating system all the same). Mapped pages count as the process's resident memory once touched,
     * with the kernel's read-ahead around each: these files would otherwise take a 100k-post server well past
     * 512 MB, and its vectors' reads alone added 58 MB.
     */
    static Directory directory(Path path) throws IOException {
        return new FileSwitchDirectory(Set.of("fdt", "pay", "pos", "vec"), new NIOFSDirectory(path),
                FSDirectory.open(path), true);
    }

    /** Whether an index has been created at {@code path}. */
    public static boolean exists(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Directory dir = FSDirectory.open(path)) {
            return DirectoryReader.indexExists(dir);
        } catch (IOException e) {
            return false;
        }
    }

    public boolean writable() {
        return writer != null;
    }

    /** Adds the post, or replaces the post with the same id. */
    public void put(Post post, long hash) {
        vectorLock.readLock().lock();
        try {
            writer().updateDocument(PostSchema.idTerm(post.id()), PostSchema.toDocument(post, hash));
        } catch (IOException | AlreadyClosedException e) {
            throw writeError(e);
        } catch (IllegalStateException e) {
            throw afterTragedy(e);
        } finally {
            vectorLock.readLock().unlock();
        }
    }

    /** Up to {@code limit} posts that still lack a vector, as they are stored, with their fingerprints. */
    public List<PostRecord> lackingVectors(int limit) {
        try {
            // Blocking: a refresh under way elsewhere (a server refreshes every second) may predate the vectors
            // just written, and their posts would be embedded again.
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh searcher on " + path, e);
        }
        IndexSearcher s = acquire();
        try {
            List<PostRecord> out = new ArrayList<>();
            for (ScoreDoc sd : s.search(new TermQuery(PostSchema.vectorPending()), limit).scoreDocs) {
                out.add(stored(s.getIndexReader(), sd.doc));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read index " + path, e);
        } finally {
            release(s);
        }
    }

    /**
     * Rewrites each post with its vector, unless it changed since the vector was made (its fingerprint differs)
     * or is gone. Posts are not written meanwhile, so a newer version is never replaced by an older one.
     *
     * @return how many posts got their vector
     */
    public int putVectors(List<VectorRecord> vectors) {
        vectorLock.writeLock().lock();
        try (DirectoryReader reader = DirectoryReader.open(writer())) {
            IndexSearcher s = new IndexSearcher(reader);
            int written = 0;
            for (VectorRecord v : vectors) {
                ScoreDoc[] found = s.search(new TermQuery(PostSchema.idTerm(v.id())), 1).scoreDocs;
                if (found.length == 0) {
                    continue;
                }
                PostRecord now = stored(reader, found[0].doc);
                if (now.hash() != v.hash()) {
                    continue;
                }
                writer().updateDocument(PostSchema.idTerm(v.id()),
                        PostSchema.withVector(PostSchema.toDocument(now.post(), now.hash()), v.vector()));
                written++;
            }
            return written;
        } catch (IOException | AlreadyClosedException e) {
            throw writeError(e);
        } catch (IllegalStateException e) {
            throw afterTragedy(e);
        } finally {
            vectorLock.writeLock().unlock();
        }
    }

    private static PostRecord stored(IndexReader reader, int doc) throws IOException {
        Post post = PostSchema.toPost(reader.storedFields().document(doc));
        LeafReaderContext leaf = reader.leaves().get(ReaderUtil.subIndex(doc, reader.leaves()));
        NumericDocValues hashes = leaf.reader().getNumericDocValues(PostSchema.HASH);
        long hash = hashes != null && hashes.advanceExact(doc - leaf.docBase) ? hashes.longValue() : 0;
        return new PostRecord(post, hash);
    }

    /** Remembers a feed read in full; committed together with its posts. */
    public void putFeed(FeedRecord feed) {
        try {
            writer().updateDocument(FeedDocuments.term(feed.location()), FeedDocuments.toDocument(feed));
        } catch (IOException | AlreadyClosedException e) {
            throw writeError(e);
        } catch (IllegalStateException e) {
            throw afterTragedy(e);
        }
    }

    /**
     * Writes the posts buffered so far into new segments, not yet durable. Other threads may go on adding
     * meanwhile, so a commit that follows has little left to do while it holds writers back.
     */
    public void flush() {
        try {
            writer().flush();
        } catch (IOException | AlreadyClosedException e) {
            throw writeError(e);
        } catch (IllegalStateException e) {
            throw afterTragedy(e);
        }
    }

    /**
     * Merges away the segments' deleted posts (those over Lucene's share for this, 10% of a segment), to be committed.
     * Giving every post its vector rewrites it, and the old copies count in how many posts have each word (and so
     * in the ranking by words) until merged away.
     */
    public void dropReplaced() {
        try {
            writer().forceMergeDeletes(true);
        } catch (IOException | AlreadyClosedException e) {
            throw writeError(e);
        } catch (IllegalStateException e) {
            throw afterTragedy(e);
        }
    }

    /** Makes everything added so far durable. */
    public void commit() {
        try {
            writer().commit();
        } catch (IOException | AlreadyClosedException e) {
            throw writeError(e);
        } catch (IllegalStateException e) {
            throw afterTragedy(e);
        }
    }

    /** Merges the index down to {@code maxSegments} segments and commits. */
    public void forceMerge(int maxSegments) {
        try {
            writer().forceMerge(maxSegments);
            writer().commit();
            writer().deleteUnusedFiles();
        } catch (IOException | AlreadyClosedException e) {
            throw new IndexError("cannot merge index " + path + ": " + describe(e), e);
        }
    }

    /** Makes recent changes visible to searchers (near-real-time when writable, new commits when read-only). */
    public void refresh() {
        try {
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh searcher on " + path, e);
        } catch (AlreadyClosedException e) {
            // The writer failed (see reopenIfFailed): searches go on with what they see.
        }
    }

    public IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open searcher on " + path, e);
        }
    }

    public void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Segments in the latest view of the index. */
    public int segmentCount() {
        refresh();
        IndexSearcher s = acquire();
        try {
            return s.getIndexReader().leaves().size();
        } finally {
            release(s);
        }
    }

    /** Bytes the index takes on disk. */
    public long sizeInBytes() {
        long total = 0;
        try {
            for (String file : directory.listAll()) {
                try {
                    total += directory.fileLength(file);
                } catch (IOException ignored) {
                    // a file merged away while listing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    /**
     * Every post in the latest view, with its fingerprint, {@code batch} at a time, then every feed record: all
     * read from stored fields, in index order.
     */
    public void export(int batch, Consumer<List<PostRecord>> posts, Consumer<FeedRecord> feeds) {
        refresh();
        IndexSearcher s = acquire();
        List<FeedRecord> feedRecords = new ArrayList<>();
        try {
            List<PostRecord> out = new ArrayList<>(batch);
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                LeafReader reader = leaf.reader();
                StoredFields stored = reader.storedFields();
                NumericDocValues hashes = reader.getNumericDocValues(PostSchema.HASH);
                Bits live = reader.getLiveDocs();
                for (int d = 0; d < reader.maxDoc(); d++) {
                    if (live != null && !live.get(d)) {
                        continue;
                    }
                    Document doc = stored.document(d);
                    if (FeedDocuments.isFeed(doc)) {
                        feedRecords.add(FeedDocuments.toFeedRecord(doc));
                        continue;
                    }
                    long hash = hashes != null && hashes.advanceExact(d) ? hashes.longValue() : 0;
                    out.add(new PostRecord(PostSchema.toPost(doc), hash));
                    if (out.size() == batch) {
                        posts.accept(List.copyOf(out));
                        out.clear();
                    }
                }
            }
            if (!out.isEmpty()) {
                posts.accept(List.copyOf(out));
            }
        } catch (IOException e) {
            throw new IndexError("cannot read index " + path + ": " + describe(e), e);
        } finally {
            release(s);
        }
        feedRecords.forEach(feeds);
    }

    /** A point-in-time view for the indexer: what each post's fingerprint is, and what each feed was. */
    public Engine.Snapshot snapshot() {
        try {
            return new IndexSnapshot(writer != null ? DirectoryReader.open(writer) : DirectoryReader.open(directory));
        } catch (IOException | AlreadyClosedException e) {
            throw new IndexError("cannot read index " + path + ": " + describe(e), e);
        }
    }

    private IndexWriter writer() {
        if (writer == null) {
            throw new IllegalStateException("index " + path + " is open read-only");
        }
        return writer;
    }

    /** Closes searchers and the writer without committing: only whole batches are ever committed. */
    @Override
    public synchronized void close() {
        closeQuietly(searchers);
        if (writer != null) {
            try {
                writer.rollback(); // drops what was not committed and releases the lock
            } catch (IOException | RuntimeException ignored) {
                // nothing more can be done at shutdown
            }
        }
        closeQuietly(directory);
    }

    /**
     * A failed write, in words a user can act on. Once a write has failed, other threads only hear that the
     * writer is closed; the failure that closed it is the one to tell.
     */
    private IndexError writeError(Exception e) {
        IndexWriter w = writer;
        Throwable tragedy = w == null ? null : w.getTragicException();
        return new IndexError(describe(tragedy != null ? tragedy : e), e);
    }

    /**
     * A writer that failed for good refuses flushes and commits with an IllegalStateException, and a thread may
     * still call it between the failure and its replacement: the failure is then the one to tell.
     */
    private RuntimeException afterTragedy(IllegalStateException e) {
        IndexWriter w = writer;
        return w != null && w.getTragicException() != null ? writeError(e) : e;
    }

    /** Says what went wrong writing an index in words a user can act on. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        if (root instanceof AccessDeniedException) {
            return "permission denied writing " + message;
        }
        if (message.contains("No space left on device")) {
            return "the disk is full (" + message + ")";
        }
        if (message.contains("Read-only file system")) {
            return "the file system is read-only (" + message + ")";
        }
        return message;
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // closing after a failure: the first error is the one reported
        }
    }
}
