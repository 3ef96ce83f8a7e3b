package dev.pullback;

/** Input that clashes with the current state (a host that exists already): 409 in the API, exit 2 in the CLI. */
public class ConflictException extends InvalidInputException {
    public ConflictException(String field, String message) {
        super(field, message);
    }
}
