package blogsearch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The corpora other projects share, checked out beside this one as {@code ../shared}. Test classes that read them
 * carry {@code @ExtendWith(SharedCorpus.class)}: a {@link Prerequisite} named {@code corpora}.
 */
public final class SharedCorpus implements ExecutionCondition {
    /** {@code ../shared}, beside the project folder Maven runs the tests in (not wherever the JVM was started). */
    public static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
            .resolveSibling("shared").normalize();
    public static final Path FEEDS = ROOT.resolve("feeds");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Prerequisite.evaluate(context, "corpora", Files.isDirectory(FEEDS) ? Optional.empty()
                : Optional.of("no shared corpora beside the project (no ../shared/feeds, that is " + FEEDS + ")"));
    }
}
