package org.mesocosm.runtime.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {
    @Test
    void createMakesAnOwnerOnlyFileAndNeverOverwrites(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("key");
        OwnerOnlyFiles.create(f, new byte[] {1, 2, 3}, true);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        assertThrows(FileAlreadyExistsException.class, () -> OwnerOnlyFiles.create(f, new byte[] {9}, false));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f), "the existing file is untouched");
    }

    @Test
    void createRefusesALinkPlantedInItsPlace(@TempDir Path dir) throws IOException {
        Path victim = Files.writeString(dir.resolve("victim"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("secret"), victim);
        assertThrows(FileAlreadyExistsException.class, () -> OwnerOnlyFiles.create(link, new byte[] {1}, false));
        assertEquals("keep", Files.readString(victim));
    }

    @Test
    void replaceSwapsInAnOwnerOnlyFileAndLeavesNoTemporary(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("store.json"), "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        OwnerOnlyFiles.replace(f, "new".getBytes());
        assertEquals("new", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        try (var left = Files.list(dir)) {
            assertEquals(List.of("store.json"), left.map(p -> p.getFileName().toString()).toList(), "no temporary left");
        }
    }

    /** The agent saves a task's record from its start and its exit, which may meet: no write may fail for the other's. */
    @Test
    void concurrentReplacesOfOneFileAllSucceed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("task.json");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                byte[] content = ("v" + i).getBytes();
                writes.add(pool.submit(() -> {
                    OwnerOnlyFiles.replace(f, content);
                    return null;
                }));
            }
            for (Future<?> w : writes) w.get(); // the old shared "task.json.tmp" made some of these throw NoSuchFileException
        } finally {
            pool.shutdownNow();
        }
        assertTrue(Files.readString(f).startsWith("v"));
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary left");
        }
    }
}
