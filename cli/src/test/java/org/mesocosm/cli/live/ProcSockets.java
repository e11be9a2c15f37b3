package org.mesocosm.cli.live;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which process owns the other end of a loopback TCP connection, on Linux: the connection's
 * socket is found in {@code /proc/net/tcp} and {@code /proc/net/tcp6} by its ports (its local port
 * is the port the accepted socket sees as remote; its remote port is the listener's), which gives
 * its inode; the process is the one whose {@code /proc/PID/fd} links to {@code socket:[inode]}.
 * Only the candidate processes are searched (the test started them, so it knows their pids).
 */
final class ProcSockets {
    private static final Path TCP = Path.of("/proc/net/tcp");
    private static final Path TCP6 = Path.of("/proc/net/tcp6");

    private ProcSockets() {}

    /** Whether this machine has the files the resolution reads (Linux with /proc). */
    static boolean available() {
        return Files.isReadable(TCP) && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /**
     * The index in {@code pids} of the process that holds the socket with local port
     * {@code localPort} connected to remote port {@code remotePort}, or -1 if none of them does
     * (or the socket is gone); a pid below 0 is skipped (that process is not running).
     */
    static int owner(int localPort, int remotePort, List<Long> pids) {
        long inode = inode(localPort, remotePort);
        if (inode <= 0) return -1;
        String link = "socket:[" + inode + "]";
        for (int i = 0; i < pids.size(); i++) {
            long pid = pids.get(i);
            if (pid >= 0 && holds(pid, link)) return i;
        }
        return -1;
    }

    /** The inode of the socket with these ports in /proc/net/tcp or tcp6 (Java's sockets may be IPv6 ones even for 127.0.0.1), or -1. */
    static long inode(int localPort, int remotePort) {
        for (Path table : List.of(TCP, TCP6)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (IOException e) {
                continue; // no IPv6 on this machine
            }
            for (int n = 1; n < lines.size(); n++) { // line 0 is the header
                // "  sl  local_address rem_address   st tx_queue:rx_queue tr:tm->when retrnsmt   uid  timeout inode ..."
                String[] f = lines.get(n).trim().split("\\s+");
                if (f.length < 10) continue;
                if (port(f[1]) == localPort && port(f[2]) == remotePort) {
                    long inode = Long.parseLong(f[9]);
                    if (inode > 0) return inode;
                }
            }
        }
        return -1;
    }

    /** The port of an ADDRESS:PORT field of /proc/net/tcp (both hexadecimal). */
    private static int port(String field) {
        return Integer.parseInt(field.substring(field.lastIndexOf(':') + 1), 16);
    }

    private static boolean holds(long pid, String link) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    if (link.equals(Files.readSymbolicLink(fd).toString())) return true;
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            return false; // the process is gone
        }
        return false;
    }
}
