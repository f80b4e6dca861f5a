package blogsearch.cli;

import blogsearch.engine.Engine;
import blogsearch.engine.IndexError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "reindex", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Build the index again from the posts it holds, laid out as this version's schema says, and "
                + "put it in place in one step; no feed is read.",
                "On OpenSearch: a new index (the next number after the one behind the alias, with its shards and "
                        + "replicas) is filled with the old one's posts, read and written in batches; the alias "
                        + "moves to it atomically and the old index is dropped. Searches are answered throughout; writes are refused while posts are "
                        + "copied, so stop indexing first.",
                "An index folder (the embedded engine) is not rebuilt this way: the command says so and exits "
                        + "with 2; 'blogsearch index --force' rebuilds it from its feeds."})
final class ReindexCommand implements Callable<Integer> {
    @ParentCommand
    BlogSearch root;

    @Mixin
    IndexOption index;

    @Override
    public Integer call() {
        Terminal t = root.terminal();
        if (!index.exists()) {
            throw new IndexError("no index at " + index.where() + ": run 'blogsearch index' first", null);
        }
        try (Engine engine = index.open()) {
            long start = System.nanoTime();
            Engine.Reindexed r = engine.reindex();
            t.out.printf("Reindexed %,d posts from %s into %s in %.1f s.%n", r.posts(), Terminal.safe(r.from()),
                    Terminal.safe(r.to()), (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }
}
