package blogsearch.cli;

import blogsearch.engine.Engine;
import blogsearch.engine.IndexError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "optimize", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Merge the index into few segments, for read-mostly deployments.",
                "Searches get somewhat faster and the index smaller (deleted and replaced posts are purged), but "
                        + "the merge rewrites the whole index (it needs up to twice its size on disk while it runs) "
                        + "and later updates go back to many segments; run it after a bulk import, not after every fetch.",
                "The index must not be in use by a server that writes to it."})
final class OptimizeCommand implements Callable<Integer> {
    @ParentCommand
    BlogSearch root;

    @Mixin
    IndexOption index;

    @Option(names = "--segments", paramLabel = "N", defaultValue = "1",
            description = "Merge down to at most N segments (default: ${DEFAULT-VALUE}).")
    int segments;

    @Override
    public Integer call() {
        if (segments < 1 || segments > 1000) {
            throw new BadInput("--segments must be between 1 and 1000, not " + segments);
        }
        Terminal t = root.terminal();
        if (!index.exists()) {
            throw new IndexError("no index at " + index.where() + ": run 'blogsearch index' first", null);
        }
        try (Engine engine = index.open()) {
            long start = System.nanoTime();
            Engine.Merged m = engine.optimize(segments);
            t.out.printf("Merged %d segments into %d in %.1f s; %s before, %s after.%n", m.segmentsBefore(),
                    m.segmentsAfter(), (System.nanoTime() - start) / 1e9, StatsCommand.bytes(m.bytesBefore()),
                    StatsCommand.bytes(m.bytesAfter()));
        }
        return 0;
    }
}
