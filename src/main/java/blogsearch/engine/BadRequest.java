package blogsearch.engine;

/** Input that cannot be served as given; names the parameter and says what is wrong with it. */
public final class BadRequest extends RuntimeException {
    private final String parameter;

    public BadRequest(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
