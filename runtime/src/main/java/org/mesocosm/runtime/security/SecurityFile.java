package org.mesocosm.runtime.security;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/** Reads the credentials and ACL files (JSON if the text starts with '{', else YAML); errors name the file and the field. */
final class SecurityFile {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private SecurityFile() {}

    static JsonNode read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = (text.stripLeading().startsWith("{") ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new IllegalArgumentException(file + ": " + where + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(file + ": must be a JSON or YAML object");
        return root;
    }

    static IllegalArgumentException error(Path file, String field, String message) {
        return new IllegalArgumentException(file + ": " + field + ": " + message);
    }

    /** A misspelt key would otherwise silently grant or deny nothing. */
    static void onlyKeys(Path file, JsonNode o, String prefix, Set<String> allowed) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) throw error(file, prefix + k, "unknown key (known: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
        }
    }
}
