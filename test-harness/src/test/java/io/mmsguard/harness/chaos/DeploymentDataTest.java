package io.mmsguard.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentDataTest {

    @Test
    void storesAreNamedByApplicationAndStoreWhicheverTasksHoldThem(@TempDir Path state) throws IOException {
        Files.createDirectories(state.resolve("mmsguard-inspection/0_0/rocksdb/flood-state"));
        Files.createDirectories(state.resolve("mmsguard-inspection/0_1/rocksdb/flood-state"));
        Files.createDirectories(state.resolve("mmsguard-inspection/1_2/rocksdb/duplicate-state"));
        Files.createFile(state.resolve("mmsguard-inspection/0_0/.checkpoint"));
        Files.createFile(state.resolve("mmsguard-inspection/kafka-streams-process-metadata"));
        Files.createDirectories(state.resolve("mmsguard-notifier/0_0/notice-windows/notice-windows.1700000000000"));

        assertThat(DeploymentData.stores(state)).containsExactly("mmsguard-inspection/duplicate-state",
                "mmsguard-inspection/flood-state", "mmsguard-notifier/notice-windows");
    }

    @Test
    void aServiceThatNeverRanHasNoStores(@TempDir Path state) {
        assertThat(DeploymentData.stores(state.resolve("missing"))).isEmpty();
    }
}
