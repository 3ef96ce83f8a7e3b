package dev.pullback;

/** Input that names something that does not exist (a host, a snapshot, a job): 404 in the API, exit 2 in the CLI. */
public class NotFoundException extends InvalidInputException {
    public NotFoundException(String field, String message) {
        super(field, message);
    }
}
