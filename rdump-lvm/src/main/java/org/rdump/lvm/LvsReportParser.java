package org.rdump.lvm;

import org.rdump.api.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rdump.api.RdumpException;

/**
 * Reads the output of {@code lvs --reportformat json}: {@code {"report": [{"lv": [{"lv_name":
 * "root_snap", "lv_attr": "swi-a-s---", ...}]}]}}. Rows of every report section are returned in
 * output order; other sections (a {@code log} report) and unknown fields are ignored; a field
 * that was not asked for reads as empty. Pure; thread-safe.
 */
final class LvsReportParser {
    private LvsReportParser() {
    }

    /**
     * @param json what lvs printed on standard output; never null
     * @throws RdumpException when it is not an lvs JSON report
     */
    static List<LvsRow> parse(String json) {
        Object doc;
        try {
            doc = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new RdumpException("could not read the output of lvs: " + e.getMessage()
                    + "; is this LVM2 2.02.158 or later (--reportformat json)?", e);
        }
        if (!(doc instanceof Map<?, ?> top) || !(top.get("report") instanceof List<?> reports)) {
            throw new RdumpException("could not read the output of lvs: no \"report\" list in " + abbreviate(json));
        }
        List<LvsRow> rows = new ArrayList<>();
        for (Object report : reports) {
            if (!(report instanceof Map<?, ?> section)) {
                throw new RdumpException("could not read the output of lvs: a report is not an object in " + abbreviate(json));
            }
            Object lvs = section.get("lv");
            if (lvs == null) {
                continue;
            }
            if (!(lvs instanceof List<?> list)) {
                throw new RdumpException("could not read the output of lvs: \"lv\" is not a list in " + abbreviate(json));
            }
            for (Object lv : list) {
                if (!(lv instanceof Map<?, ?> fields)) {
                    throw new RdumpException("could not read the output of lvs: a row is not an object in " + abbreviate(json));
                }
                rows.add(new LvsRow(field(fields, "lv_name"), field(fields, "lv_attr"),
                        field(fields, "origin"), field(fields, "snap_percent"), field(fields, "data_percent")));
            }
        }
        return List.copyOf(rows);
    }

    private static String field(Map<?, ?> fields, String name) {
        Object v = fields.get(name);
        return v == null || v == Json.NULL ? "" : v.toString();
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 200 ? "'" + t + "'" : "'" + t.substring(0, 200) + "...'";
    }
}
