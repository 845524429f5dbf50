package io.mmsguard.schemas.registry;

/**
 * An error answered by a Confluent-protocol schema registry, or the failure to reach one. The subclasses are
 * the cases callers handle differently; {@link #errorCode()} is the registry's {@code error_code}
 * (e.g. 40401), or -1 when the server sent none.
 */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    /** 40401: the subject does not exist. */
    public static final class SubjectNotFound extends SchemaRegistryException {
        private static final long serialVersionUID = 1L;

        public SubjectNotFound(String message, int httpStatus, int errorCode) {
            super(message, httpStatus, errorCode);
        }
    }

    /** 40402: the subject exists but not that version. */
    public static final class VersionNotFound extends SchemaRegistryException {
        private static final long serialVersionUID = 1L;

        public VersionNotFound(String message, int httpStatus, int errorCode) {
            super(message, httpStatus, errorCode);
        }
    }

    /** 40403: no schema with that id, or the schema is not registered under the subject. */
    public static final class SchemaNotFound extends SchemaRegistryException {
        private static final long serialVersionUID = 1L;

        public SchemaNotFound(String message, int httpStatus, int errorCode) {
            super(message, httpStatus, errorCode);
        }
    }

    /** 40408: the subject has no compatibility level of its own (the global one applies). */
    public static final class SubjectConfigNotFound extends SchemaRegistryException {
        private static final long serialVersionUID = 1L;

        public SubjectConfigNotFound(String message, int httpStatus, int errorCode) {
            super(message, httpStatus, errorCode);
        }
    }

    /** HTTP 409 (40901 on newer servers): the schema breaks the subject's compatibility rule. */
    public static final class IncompatibleSchema extends SchemaRegistryException {
        private static final long serialVersionUID = 1L;

        public IncompatibleSchema(String message, int httpStatus, int errorCode) {
            super(message, httpStatus, errorCode);
        }
    }

    /** 42201: the registry could not parse the schema. */
    public static final class InvalidSchema extends SchemaRegistryException {
        private static final long serialVersionUID = 1L;

        public InvalidSchema(String message, int httpStatus, int errorCode) {
            super(message, httpStatus, errorCode);
        }
    }

    /** 42203: not a compatibility level the registry knows. */
    public static final class InvalidCompatibilityLevel extends SchemaRegistryException {
        private static final long serialVersionUID = 1L;

        public InvalidCompatibilityLevel(String message, int httpStatus, int errorCode) {
            super(message, httpStatus, errorCode);
        }
    }

    /** HTTP 401/403: missing or wrong credentials. */
    public static final class Unauthorized extends SchemaRegistryException {
        private static final long serialVersionUID = 1L;

        public Unauthorized(String message, int httpStatus, int errorCode) {
            super(message, httpStatus, errorCode);
        }
    }

    /** No configured registry URL answered, or the registry failed on its side (5xx): worth retrying later. */
    public static final class Unavailable extends SchemaRegistryException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, int httpStatus, int errorCode) {
            super(message, httpStatus, errorCode);
        }

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Maps an error answer to its typed exception. */
    static SchemaRegistryException fromResponse(int httpStatus, int errorCode, String message) {
        String text = message + " (HTTP " + httpStatus + (errorCode > 0 ? ", error_code " + errorCode : "") + ")";
        if (httpStatus == 409 || errorCode == 409 || errorCode == 40901) {
            return new IncompatibleSchema(text, httpStatus, errorCode);
        }
        switch (errorCode) {
            case 40401: return new SubjectNotFound(text, httpStatus, errorCode);
            case 40402: return new VersionNotFound(text, httpStatus, errorCode);
            case 40403: return new SchemaNotFound(text, httpStatus, errorCode);
            case 40408: return new SubjectConfigNotFound(text, httpStatus, errorCode);
            case 42201: return new InvalidSchema(text, httpStatus, errorCode);
            case 42203: return new InvalidCompatibilityLevel(text, httpStatus, errorCode);
            default: break;
        }
        if (httpStatus == 401 || httpStatus == 403) {
            return new Unauthorized(text, httpStatus, errorCode);
        }
        if (httpStatus >= 500) {
            return new Unavailable(text, httpStatus, errorCode);
        }
        return new SchemaRegistryException(text, httpStatus, errorCode);
    }
}
