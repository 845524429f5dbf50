package io.mmsguard.service.log;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.mmsguard.service.Settings;
import org.slf4j.LoggerFactory;

/**
 * How a service writes its log ({@value #KEY}): {@code text}, one line per event as before, or {@code json}, one
 * object per line with time, level, logger, thread, message, service and, on a session's decision line, session,
 * interface, sender (as {@link MsisdnLog} logs it), verdict, reason and answer. The backend is the launcher's Log4j 2
 * (deploy's log4j2.xml selects the layout by the system property {@value #FORMAT_PROPERTY}); a classpath with another
 * SLF4J provider (the tests' slf4j-simple) writes text only, and a service asked for JSON there refuses to start.
 *
 * <p>Like {@link MsisdnLog}, the choice is process-wide: in the embedded mode the services share it, and the first
 * service to {@link #use} it names the process in the {@code service} field.
 */
public final class LogFormat {
    public static final String KEY = "logging.format";
    static final String FORMAT_PROPERTY = "mmsguard.logging.format";
    static final String SERVICE_PROPERTY = "mmsguard.service";
    private static final String LOG4J_FACTORY = "org.apache.logging.slf4j.Log4jLoggerFactory";

    private final boolean json;

    private LogFormat(boolean json) {
        this.json = json;
    }

    public static LogFormat text() {
        return new LogFormat(false);
    }

    public static LogFormat from(Settings s) {
        String value = s.string(KEY, "text").strip().toLowerCase(Locale.ROOT);
        switch (value) {
            case "text" -> {
                return text();
            }
            case "json" -> {
                if (!log4j()) {
                    throw s.invalid(KEY, "json needs the launcher's Log4j 2 backend; this classpath logs through "
                            + LoggerFactory.getILoggerFactory().getClass().getName());
                }
                return new LogFormat(true);
            }
            default -> throw s.invalid(KEY, "must be text or json, not \"" + value + "\"");
        }
    }

    /**
     * For a launcher's {@code main}, before its first logger: JSON from the first line when the environment asks for
     * it ({@code MMSGUARD_LOGGING_FORMAT=json}); the service's {@link #from} checks the value again.
     */
    public static void early(Map<String, String> env) {
        String value = env.get(Settings.envName(KEY));
        if (value != null && value.strip().equalsIgnoreCase("json") && System.getProperty(FORMAT_PROPERTY) == null) {
            System.setProperty(FORMAT_PROPERTY, "json");
        }
    }

    /** Makes {@code format} this process's log format from now on; {@code service} names it unless one already did. */
    public static void use(LogFormat format, String service) {
        String name = System.getProperty(SERVICE_PROPERTY);
        String wanted = format.toString();
        boolean changed = !wanted.equals(System.getProperty(FORMAT_PROPERTY, "text")) || name == null;
        if (name == null) {
            System.setProperty(SERVICE_PROPERTY, service);
        }
        System.setProperty(FORMAT_PROPERTY, wanted);
        if (changed && log4j()) {
            Log4jReconfiguration.reconfigure();
        }
    }

    private static boolean log4j() {
        return LoggerFactory.getILoggerFactory().getClass().getName().equals(LOG4J_FACTORY);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogFormat other && json == other.json;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(json);
    }

    @Override
    public String toString() {
        return json ? "json" : "text";
    }
}
