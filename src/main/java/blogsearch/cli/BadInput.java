package blogsearch.cli;

/** A command line the user must fix (exit code 2); the message names the option and the bad value. */
final class BadInput extends RuntimeException {
    BadInput(String message) {
        super(message);
    }
}
