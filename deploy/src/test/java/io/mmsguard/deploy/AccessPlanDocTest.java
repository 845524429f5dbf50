package io.mmsguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The principals table of docs/security.md is AccessPlan rendered by AccessPlanTable. */
class AccessPlanDocTest {
    private static final String START = "<!-- access-plan: rendered from AccessPlan by AccessPlanTable; AccessPlanDocTest checks it -->\n";
    private static final String END = "<!-- /access-plan -->";

    @Test
    void theSecurityDocsTableIsTheAccessPlan() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "security.md"));
        assertThat(doc).contains(START, END);
        String table = doc.substring(doc.indexOf(START) + START.length(), doc.indexOf(END));
        assertThat(table).isEqualTo(AccessPlanTable.render());
    }
}
