package blogsearch.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The --synonyms option of the commands that search. */
final class SynonymsOption {
    @Option(names = "--synonyms", paramLabel = "FILE",
            description = "Words searched as alike, in Solr's synonyms format ('k8s, kubernetes' or 'js => javascript', "
                    + "one rule a line); applied to queries, so changing them needs no re-indexing.")
    Path file;

    /** The file of rules, if one is given: the engine reads it, and a file it cannot read is bad input. */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
