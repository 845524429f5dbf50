package io.mmsguard.inspection.av;

import java.io.IOException;

/**
 * A {@code .cvd}/{@code .cld}/{@code .cud} container is malformed, over a limit or fails its integrity check. It
 * fails the whole load, as clamd refuses such a database: a half-downloaded or corrupt container must not replace
 * the database in service.
 */
public class SignatureContainerException extends IOException {
    private static final long serialVersionUID = 1L;

    public SignatureContainerException(String message) {
        super(message);
    }
}
