package org.mesocosm.traces.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.mesocosm.traces.RealTraces;
import org.mesocosm.traces.TraceFormat;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceRecord;
import org.mesocosm.traces.bin.BinaryTraceWriter;

/**
 * Writes the seed corpora of {@link TraceReadersFuzzTest} from the heads of the real trace
 * excerpts ({@code data/traces}), plain, gzipped, truncated and lenient. Run once when the
 * framing or the excerpts change; the seeds are committed, and findings are added beside them.
 *
 * <pre>java -cp CLASSPATH org.mesocosm.traces.fuzz.SeedCorpus traces/src/test/resources/org/mesocosm/traces/fuzz/TraceReadersFuzzTestInputs</pre>
 */
public final class SeedCorpus {
    private SeedCorpus() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path real = RealTraces.root();
        byte[] g11Tasks = head(real.resolve("google2011/task_events/part-00000-of-00500.csv"), 60);
        byte[] g11Late = head(real.resolve("google2011/task_events/part-00000-of-00500.lines275001-280000.csv"), 60);
        byte[] g11Machines = head(real.resolve("google2011/machine_events/part-00000-of-00001.csv"), 30);
        byte[] g11Jobs = head(real.resolve("google2011/job_events/part-00000-of-00500.csv"), 20);
        byte[] g11Usage = text(use(600_000_000, 900_000_000, 515042969, 0, "0.0625", "0.03125")
                + use(900_000_000, 1_200_000_000, 515042969, 0, "0.125", ""));
        seeds(out.resolve("google2011"), List.of(g11Tasks, g11Machines, g11Usage, g11Jobs), List.of(g11Late, new byte[0], new byte[0], new byte[0]),
                List.of(text("600000000,,43,0,,0,user,1,4,lots,0.03,0.001,0\n600000000,,44,0,,0,user,1,12,0.1,0.03,0.001,0\n"),
                        new byte[0], new byte[0], new byte[0]));

        byte[] g19Inst = Files.readAllBytes(real.resolve("google2019/instance_events.example.jsonl"));
        byte[] g19Coll = Files.readAllBytes(real.resolve("google2019/collection_events.example.jsonl"));
        byte[] g19Mach = text("{\"time\": 0, \"machine_id\": 7, \"type\": 0, \"switch_id\": \"s1\", \"platform_id\": \"p\", "
                + "\"capacity\": {\"cpus\": 0.5, \"memory\": 0.25}}\n");
        byte[] g19Attr = text("{\"time\": 0, \"machine_id\": 7, \"name\": \"kernel\", \"value\": \"4.1\", \"deleted\": false}\n");
        seeds(out.resolve("google2019"), List.of(g19Inst, g19Coll, g19Mach, g19Attr), List.of(g19Inst, new byte[0], new byte[0], new byte[0]),
                List.of(text("{\"time\": \"soon\", \"instance_index\": 0}\n"), g19Coll, new byte[0], new byte[0]));

        byte[] aliTasks = head(real.resolve("alibaba2018/batch_task.csv"), 40);
        byte[] aliMachines = head(real.resolve("alibaba2018/machine_meta.csv"), 20);
        byte[] aliInst = text("ins_1,M1,job_1,1,Terminated,97,110,m_1,1,1,80,120,0.5,0.8\n"
                + "ins_2,M1,job_2,1,Failed,127,140,m_2,1,1,40,60,,0.9\n");
        byte[] aliCont = text("c_1,m_1,0,app_1,started,400,800,1.5\nc_2,m_2,0,app_1,started,400,800,1.5\n");
        seeds(out.resolve("alibaba2018"), List.of(aliTasks, aliInst, aliMachines, aliCont), List.of(aliTasks, new byte[0], new byte[0], new byte[0]),
                List.of(text("M1,2,j_1,1,Terminated,100,200,lots,1.0\n"), new byte[0], new byte[0], new byte[0]));

        byte[] swf = headSwf(real.resolve("swf/KTH-SP2-1996-2.1-cln.swf"), 40);
        seeds(out.resolve("swf"), List.of(swf), List.of(text("; MaxProcs: 4\n1 0 5 10 2 -1 -1 2 60 -1 1 1 1 -1 -1 -1 -1 -1\n2 9 5 10 2 -1\n")),
                List.of(text("; MaxProcs: 100\n1 0 5 10 1000000000 -1 -1 1000000000 60 -1 1 1 1 -1 -1 -1 -1 -1\n")));

        Path bin = out.resolve("binary");
        Files.createDirectories(bin);
        Path tmp = Files.createTempDirectory("seeds");
        write(bin.resolve("seed-swf"), convert(TraceFormat.SWF, tmp, "t.swf", swf));
        write(bin.resolve("seed-google2011"), convert(TraceFormat.GOOGLE2011, tmp, "task_events.csv", g11Tasks));
        write(bin.resolve("seed-alibaba2018"), convert(TraceFormat.ALIBABA2018, tmp, "batch_task.csv", aliTasks));
        byte[] whole = convert(TraceFormat.SWF, tmp, "t.swf", swf);
        write(bin.resolve("seed-swf-gzip"), FuzzFrames.gzip(whole));
        write(bin.resolve("seed-swf-truncated"), Arrays.copyOf(whole, whole.length / 2));
    }

    /** Plain, gzipped (every part), lenient, a truncated gzip part, and two extra inputs (plain and lenient). */
    private static void seeds(Path dir, List<byte[]> parts, List<byte[]> other, List<byte[]> bad) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve("seed-plain"), FuzzFrames.join(0, parts));
        write(dir.resolve("seed-gzip"), FuzzFrames.join(0x0f, parts));
        write(dir.resolve("seed-lenient"), FuzzFrames.join(FuzzFrames.LENIENT, parts));
        byte[] gz = FuzzFrames.gzip(parts.get(0));
        List<byte[]> cut = new java.util.ArrayList<>(parts);
        cut.set(0, Arrays.copyOf(gz, gz.length * 2 / 3));
        write(dir.resolve("seed-truncated-gzip"), FuzzFrames.join(0, cut));
        write(dir.resolve("seed-other"), FuzzFrames.join(0, other));
        write(dir.resolve("seed-bad"), FuzzFrames.join(0, bad));
        write(dir.resolve("seed-bad-lenient"), FuzzFrames.join(FuzzFrames.LENIENT, bad));
    }

    private static byte[] convert(TraceFormat format, Path tmp, String name, byte[] content) throws IOException {
        Path f = tmp.resolve(format.id()).resolve(name);
        Files.createDirectories(f.getParent());
        Files.write(f, content);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (TraceReader r = format.open(f, TraceOptions.defaults()); OutputStream os = bos; BinaryTraceWriter w = new BinaryTraceWriter(os, r.name())) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) w.write(rec);
            w.finish(r.spanMicros(), r.stats());
        }
        return bos.toByteArray();
    }

    private static byte[] head(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return text(String.join("\n", all.subList(0, Math.min(lines, all.size()))) + "\n");
    }

    /** The header comments and the first {@code lines} jobs. */
    private static byte[] headSwf(Path file, int lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        int jobs = 0;
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!l.startsWith(";") && jobs++ >= lines) break;
            sb.append(l).append('\n');
        }
        return text(sb.toString());
    }

    private static String use(long from, long to, long job, int idx, String cpu, String mem) {
        return from + "," + to + "," + job + "," + idx + ",5," + cpu + "," + mem + ",0.02,0.001,0.002,0.03,0.0001,0.00002,0.2,0.001,1.5,0.004,1,0,0.1\n";
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Path f, byte[] b) throws IOException {
        Files.write(f, b);
    }
}
