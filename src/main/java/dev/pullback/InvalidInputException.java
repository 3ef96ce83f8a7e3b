package dev.pullback;

/**
 * Input that breaks a rule. The message is one line that names the field and the rule, so the
 * CLI (exit 2), the API (400) and the UI can show it as it is.
 */
public class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
