package io.mmsguard.service.log;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * Re-reads the Log4j configuration, whose arbiters pick the layout from {@link LogFormat}'s system properties. Its
 * own class: loaded only where Log4j is the SLF4J provider (log4j-core is optional for service-kit).
 */
final class Log4jReconfiguration {

    private Log4jReconfiguration() {
    }

    static void reconfigure() {
        if (LogManager.getContext(false) instanceof LoggerContext context) {
            context.reconfigure();
        }
    }
}
