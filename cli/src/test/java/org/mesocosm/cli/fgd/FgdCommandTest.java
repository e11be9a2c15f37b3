package org.mesocosm.cli.fgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.Mesocosm;

class FgdCommandTest {
    @TempDir
    Path dir;

    static Path openb() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("data/traces/openb");
            if (Files.isDirectory(p)) return p;
        }
        throw new IllegalStateException("data/traces/openb not found");
    }

    int run(Path out, String policies, String seeds, String threads) {
        Path o = openb();
        return Mesocosm.execute("experiment", "fgd", "--nodes", o.resolve("openb_node_list_all_node.csv").toString(),
                "--pods", o.resolve("openb_pod_list_default.csv").toString(), "--policies", policies, "--seeds", seeds,
                "--threads", threads, "--out", out.toString());
    }

    @Test
    void writesOneRowPerRunAndArrivedPercentAndTheReport() throws IOException {
        Path out = dir.resolve("a");
        assertEquals(0, run(out, "fgd,gpu-packing", "42..43", "2"));
        List<String> lines = Files.readAllLines(out.resolve("alloc.csv"));
        assertEquals(AllocCsv.HEADER, lines.get(0));
        assertEquals(1 + 2 * 2 * 131, lines.size());
        assertTrue(lines.get(1).startsWith("openb_pod_list_default,fgd,42,0,"), lines.get(1));
        assertTrue(lines.get(131).startsWith("openb_pod_list_default,fgd,42,130,"), lines.get(131));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            double arrived = Double.parseDouble(f[3]);
            if (f[4].equals("n/a")) continue;
            double alloc = Double.parseDouble(f[4]);
            assertTrue(alloc >= 0 && alloc <= arrived + 1 && alloc <= 100, "allocated beyond arrived or capacity: " + l);
        }
        for (String f : List.of("report.html", "unallocated.png", "unallocated-at-100.png", "fragmentation.png")) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Unallocated GPU at arrived = 100%"));

        // the same seeds on one thread: the same bytes (runs are independent of the thread count)
        Path again = dir.resolve("b");
        assertEquals(0, run(again, "fgd,gpu-packing", "42..43", "1"));
        assertEquals(Files.readString(out.resolve("alloc.csv")), Files.readString(again.resolve("alloc.csv")));
    }

    @Test
    void runsOnAVariantPodListWithModelConstraintsAndNoTimes() throws IOException {
        Path nodes = dir.resolve("nodes.csv"), pods = dir.resolve("pods.csv");
        Files.writeString(nodes, "sn,cpu_milli,memory_mib,gpu,model\nc0,64000,262144,0,\ng0,32000,131072,2,T4\ng1,64000,262144,8,V100M16\n"
                + "g2,64000,262144,4,V100M32\n");
        StringBuilder sb = new StringBuilder("name,cpu_milli,memory_mib,num_gpu,gpu_spec,gpu_milli\n"); // reordered columns
        for (int i = 0; i < 40; i++) {
            String spec = i % 5 == 0 ? "V100M16|V100M32" : "";
            int gpus = i % 7 == 0 ? 2 : 1;
            int milli = gpus == 2 ? 1000 : i % 3 == 0 ? 1000 : 250 + 10 * i;
            sb.append("v").append(i).append(",").append(1000 + 100 * i).append(",1024,").append(i % 11 == 0 ? 0 : gpus).append(",")
                    .append(i % 11 == 0 ? "" : spec).append(",").append(i % 11 == 0 ? 0 : milli).append("\n");
        }
        Files.writeString(pods, sb.toString());
        Path out = dir.resolve("v");
        assertEquals(0, Mesocosm.execute("experiment", "fgd", "--nodes", nodes.toString(), "--pods", pods.toString(),
                "--seeds", "1..3", "--inflate", "1.5", "--out", out.toString()));
        List<String> lines = Files.readAllLines(out.resolve("alloc.csv"));
        assertEquals(1 + 6 * 3 * 151, lines.size());
    }

    @Test
    void badOptionsAreUserErrors() {
        assertEquals(2, run(dir.resolve("x"), "fgd,nope", "1..2", "1"));
        assertEquals(2, run(dir.resolve("x"), "fgd", "5..1", "1"));
        assertEquals(2, Mesocosm.execute("experiment", "fgd", "--pods", dir.resolve("missing.csv").toString(), "--out", dir.toString()));
    }
}
