package org.mesocosm.runtime.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        assertFalse(Files.exists(dir.resolve("store.json.tmp")));
    }
}
