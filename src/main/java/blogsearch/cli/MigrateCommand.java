package blogsearch.cli;

import blogsearch.engine.Engine;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "migrate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Copy an index folder into an OpenSearch cluster: every post, read from the folder's stored "
                + "fields, and what is known of every feed read (its ETag, Last-Modified or file size and time), so "
                + "that following the feeds on the cluster goes on with conditional requests. No feed is fetched.",
                "The cluster's index is made if there is none (--shards, --replicas); posts it already holds with "
                        + "the same ids are replaced. The folder is only read: a server may go on using it."})
final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    BlogSearch root;

    @Mixin
    IndexOption index;

    @Option(names = "--to", required = true, paramLabel = "ENGINE",
            description = "Where to copy the posts to: opensearch (with --opensearch URL or $BLOGSEARCH_OPENSEARCH).")
    String to;

    @Override
    public Integer call() {
        Terminal t = root.terminal();
        index.checkTarget(to);
        long start = System.nanoTime();
        AtomicLong posts = new AtomicLong();
        AtomicLong feeds = new AtomicLong();
        try (Engine from = index.openFolder(); Engine into = index.openTarget(to)) {
            from.export(batch -> {
                into.put(batch);
                posts.addAndGet(batch.size());
            }, feed -> {
                into.putFeed(feed);
                feeds.incrementAndGet();
            });
            into.commit();
        }
        t.out.printf("Copied %,d posts and %,d feeds from %s into %s in %.1f s.%n", posts.get(), feeds.get(),
                Terminal.safe(index.path().toAbsolutePath().normalize().toString()), Terminal.safe(index.targetWhere()),
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
