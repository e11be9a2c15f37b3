package org.mesocosm.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Looks at the report as a person would: opens it in headless Chromium, waits for every chart to
 * decode, and checks that none is broken, the browser logged no console message, and a
 * screenshot comes out. Skipped, saying why, where no {@code chromium} is on the PATH (Debian:
 * {@code apt-get install chromium}).
 */
class ChromiumReportTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** Appended to a copy of the page (the report itself has no scripts): reports each chart's decoded size. */
    private static final String PROBE = """
            <script>
            // The load event waits for every image; a broken one is complete with no natural size.
            window.addEventListener('load', () => {
              const imgs = [...document.querySelectorAll('figure img')];
              const sizes = imgs.map(i => i.complete && i.naturalWidth > 0 ? i.naturalWidth + 'x' + i.naturalHeight : 'broken');
              const p = document.createElement('pre');
              p.id = 'mesocosm-check';
              p.textContent = 'images=' + imgs.length + ' ' + sizes.join(' ');
              document.body.appendChild(p);
            });
            </script>
            """;

    static Path chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void findChromium() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(entry, name);
                if (chromium == null && Files.isExecutable(p)) {
                    chromium = p;
                }
            }
        }
        Assumptions.assumeTrue(chromium != null,
                "skipped: no chromium on PATH (Debian: apt-get install chromium) to render report.html in");
    }

    @Test
    void reportLoadsWithEveryChartAndNoConsoleMessages() throws Exception {
        new SyntheticRun().writeTo(dir);
        String html = Files.readString(RunReport.write(dir));
        Path page = dir.resolve("report-check.html");
        Files.writeString(page, html.replace("</body>", PROBE + "</body>"));

        Run r = chromium(dir, "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString());
        Matcher m = Pattern.compile("<pre id=\"mesocosm-check\">images=(\\d+) ([^<]*)</pre>").matcher(r.stdout());
        assertTrue(m.find(), "the page loaded and the probe ran; stderr:\n" + r.stderr());
        assertEquals(Figures.FILES.size(), Integer.parseInt(m.group(1)), "every chart is an <img> in the DOM");
        List<String> sizes = Arrays.asList(m.group(2).trim().split(" "));
        assertEquals(Figures.FILES.size(), sizes.size());
        for (String size : sizes) {
            assertTrue(size.matches("960x(440|620)"), "chart decoded at its size, got " + sizes);
        }
        List<String> console = r.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertEquals(List.of(), console, "console messages");
    }

    @Test
    void screenshotShowsThePage() throws Exception {
        new SyntheticRun().writeTo(dir);
        Path report = RunReport.write(dir);
        Path shot = dir.resolve("shot.png");
        Run r = chromium(dir, "--hide-scrollbars", "--window-size=1100,2400", "--screenshot=" + shot, report.toUri().toString());
        assertTrue(Files.exists(shot), "screenshot written; stderr:\n" + r.stderr());
        byte[] png = Files.readAllBytes(shot);
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, PNG_MAGIC.length));
        // A blank 1100x2400 page compresses to a few KB; text and charts make it far larger.
        assertTrue(png.length > 100_000, "screenshot has content: " + png.length + " bytes");
    }

    record Run(String stdout, String stderr) {
    }

    private static Run chromium(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0"));
        cmd.addAll(Arrays.asList(args));
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        Run r = new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        assertEquals(0, p.exitValue(), "chromium exit status; stderr:\n" + r.stderr());
        return r;
    }
}
