package org.mesocosm.bench.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders collapsed stacks as a flame graph in SVG: one box per frame, as wide as its share of
 * the samples, callers below callees, siblings in name order; a box's tooltip gives the frame and
 * its samples. Boxes narrower than {@link #MIN_WIDTH} pixels are left out (with their callees).
 * Colours come from the frame's class name, so one class keeps one colour.
 */
public final class FlameGraph {
    static final double WIDTH = 1200, FRAME_HEIGHT = 16, MIN_WIDTH = 0.3;
    private static final double TOP = 40;

    /** A frame in the merged call tree. */
    static final class Node {
        final String name;
        long samples;
        final Map<String, Node> children = new TreeMap<>();

        Node(String name) { this.name = name; }

        Node child(String n) { return children.computeIfAbsent(n, Node::new); }

        int depth() {
            int d = 0;
            for (Node c : children.values()) d = Math.max(d, c.depth());
            return d + 1;
        }
    }

    private FlameGraph() {}

    /** Merges collapsed stacks into a call tree under a root named "all". */
    static Node tree(Map<String, Long> collapsed) {
        Node root = new Node("all");
        for (Map.Entry<String, Long> e : collapsed.entrySet()) {
            root.samples += e.getValue();
            Node n = root;
            for (String frame : e.getKey().split(";")) {
                n = n.child(frame);
                n.samples += e.getValue();
            }
        }
        return root;
    }

    public static String svg(Map<String, Long> collapsed, String title) {
        Node root = tree(collapsed);
        int depth = root.depth();
        double height = TOP + depth * FRAME_HEIGHT + 10;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "font-family=\"monospace\" font-size=\"11\">%n", WIDTH + 20, height));
        sb.append(String.format(Locale.ROOT, "<rect width=\"100%%\" height=\"100%%\" fill=\"#f8f8f2\"/>%n"));
        sb.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"22\" font-size=\"15\" text-anchor=\"middle\">%s (%,d samples)</text>%n",
                (WIDTH + 20) / 2, escape(title), root.samples));
        List<String> boxes = new ArrayList<>();
        draw(root, 10, WIDTH / Math.max(1, root.samples), 0, height - 10, boxes);
        for (String b : boxes) sb.append(b);
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void draw(Node n, double x, double perSample, int level, double bottom, List<String> out) {
        double w = n.samples * perSample;
        if (w < MIN_WIDTH) return;
        double y = bottom - (level + 1) * FRAME_HEIGHT;
        out.add(String.format(Locale.ROOT, "<g><title>%s (%,d samples)</title><rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" "
                + "fill=\"%s\" stroke=\"#fff\" stroke-width=\"0.3\"/>", escape(n.name), n.samples, x, y, w, FRAME_HEIGHT - 1, colour(n.name)));
        int chars = (int) ((w - 4) / 6.6);
        if (chars >= 3) {
            String label = n.name.length() <= chars ? n.name : n.name.substring(0, chars - 2) + "..";
            out.add(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.1f\">%s</text>", x + 2, y + FRAME_HEIGHT - 4, escape(label)));
        }
        out.add("</g>\n");
        double cx = x;
        for (Node c : n.children.values()) {
            draw(c, cx, perSample, level + 1, bottom, out);
            cx += c.samples * perSample;
        }
    }

    /** Warm colours from the class part of the name (stable: String.hashCode is specified). */
    static String colour(String frame) {
        int dot = frame.indexOf('.');
        int h = (dot < 0 ? frame : frame.substring(0, dot)).hashCode();
        int r = 200 + Math.floorMod(h, 55), g = 80 + Math.floorMod(h >> 8, 120), b = 40 + Math.floorMod(h >> 16, 50);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
