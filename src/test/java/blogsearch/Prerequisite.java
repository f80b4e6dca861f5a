package blogsearch;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Something tests need from outside the repository (the shared corpora, a browser). Where it is missing, the
 * tests that need it are skipped and one line per test class says so; where the system property
 * {@value #PROPERTY} names it (CI sets {@code corpora,browser}), they fail instead.
 */
public final class Prerequisite {
    /** Comma-separated names of the prerequisites that must be present: {@code corpora}, {@code browser},
     * {@code opensearch}. */
    public static final String PROPERTY = "blogsearch.require";

    private Prerequisite() {}

    /** Whether {@value #PROPERTY} names {@code name}. */
    public static boolean required(String name) {
        return Arrays.stream(System.getProperty(PROPERTY, "").split(","))
                .anyMatch(n -> n.strip().equalsIgnoreCase(name));
    }

    /**
     * The verdict of an execution condition on prerequisite {@code name}, given why it is missing (empty when it is
     * there). A missing prerequisite that is not required skips the whole class, with one line saying why; a
     * required one fails each test, with the reason.
     */
    public static ConditionEvaluationResult evaluate(ExtensionContext context, String name, Optional<String> missing) {
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled(name + " present");
        }
        String testClass = context.getRequiredTestClass().getSimpleName();
        if (required(name)) {
            if (context.getTestMethod().isEmpty()) {
                return ConditionEvaluationResult.enabled("each test fails");
            }
            throw new IllegalStateException(testClass + " cannot run: " + missing.get() + ", and -D" + PROPERTY
                    + "=" + System.getProperty(PROPERTY) + " requires the " + name);
        }
        String line = "SKIPPED " + testClass + ": " + missing.get() + " (-D" + PROPERTY + "=" + name
                + " makes this a failure)";
        if (context.getTestMethod().isEmpty()) {
            System.out.println(line);
        }
        // The whole class, so that its @BeforeAll does not run without what it needs.
        return ConditionEvaluationResult.disabled(line);
    }
}
