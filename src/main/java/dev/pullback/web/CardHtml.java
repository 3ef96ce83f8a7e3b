package dev.pullback.web;

import dev.pullback.job.HostState;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.RequestDataValueProcessor;

/**
 * A host's card as HTML, built here instead of in a template: the dashboard repeats it 100 times,
 * and Thymeleaf's 35-40 attribute processors per card were 90 % of the page's time (see
 * bench/README.md). Every value is HTML-escaped. The forms get the same extra hidden fields a
 * {@code th:action} form gets (the CSRF token once authentication is on), asked once per request.
 * Templates include the result with {@code th:utext} ({@code card.html}).
 */
@Component
class CardHtml {
    private final ObjectProvider<RequestDataValueProcessor> processor;

    CardHtml(ObjectProvider<RequestDataValueProcessor> processor) {
        this.processor = processor;
    }

    String all(List<HostCards.Card> cards) {
        String hidden = hiddenFields();
        boolean controls = controls();
        StringBuilder b = new StringBuilder(cards.size() * 2600);
        for (HostCards.Card c : cards) {
            card(b, c, null, hidden, controls);
        }
        return b.toString();
    }

    String one(HostCards.Card card, String message) {
        StringBuilder b = new StringBuilder(2600);
        card(b, card, message, hiddenFields(), controls());
        return b.toString();
    }

    /** What {@code th:action} adds to a form: Spring's hook, empty when nothing is registered. */
    private String hiddenFields() {
        RequestDataValueProcessor p = processor.getIfAvailable();
        if (p == null || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs)) {
            return "";
        }
        HttpServletRequest request = attrs.getRequest();
        Map<String, String> fields = p.getExtraHiddenFields(request);
        if (fields == null || fields.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        fields.forEach((name, value) -> b.append("<input type=\"hidden\" name=\"").append(e(name)).append("\" value=\"")
                .append(e(value)).append("\">"));
        return b.toString();
    }

    /** Run, Dry run and Cancel are for admins: a viewer would only get 403 from them. */
    private static boolean controls() {
        return CurrentUser.currentIsAdmin();
    }

    private static void card(StringBuilder b, HostCards.Card c, String message, String hidden, boolean controls) {
        HostCards.Texts t = c.texts();
        String status = e(c.status());
        b.append("<article class=\"card ").append(e(c.colour())).append("\" data-host=\"").append(e(c.host()))
                .append("\" data-running=\"").append(c.running()).append("\" data-colour=\"").append(e(c.colour()))
                .append("\" data-expected-files=\"").append(c.expectedFiles()).append("\">\n<header>\n")
                .append("<a href=\"").append(e(t.hostPath())).append("\"><strong>").append(e(t.label())).append("</strong></a>\n")
                .append("<span class=\"badge status ").append(status).append("\">").append(status).append("</span>\n");
        if (!c.enabled()) {
            b.append("<small>(disabled)</small>\n");
        }
        b.append("<small>").append(e(c.transport())).append("</small>\n</header>\n");
        if (message != null) {
            b.append("<p class=\"flash\">").append(e(message)).append("</p>\n");
        }
        live(b, c);
        b.append("<dl>\n<dt>Last run</dt>\n<dd><span>").append(e(t.lastRun())).append("</span>");
        if (t.message() != null) {
            b.append(" <span class=\"mono\">").append(e(t.message())).append("</span>");
        }
        b.append("</dd>\n<dt>Latest snapshot</dt>\n");
        if (t.browse() == null) {
            b.append("<dd>none</dd>\n");
        } else {
            b.append("<dd><a class=\"mono\" href=\"").append(e(t.browse())).append("\">").append(e(c.latest().name()))
                    .append("</a> (<span class=\"age\">").append(e(t.latestAge())).append("</span>)</dd>\n");
        }
        if (t.size() != null) {
            b.append("<dt>Size</dt>\n<dd>").append(e(t.size())).append("</dd>\n");
        }
        b.append("<dt>Hourly</dt>\n<dd>").append(e(t.hourly())).append("</dd>\n")
                .append("<dt>Monthly</dt>\n<dd>").append(e(t.monthly())).append("</dd>\n")
                .append("<dt>Archives</dt>\n<dd>").append(e(t.archives())).append("</dd>\n")
                .append("<dt>latest →</dt>\n<dd class=\"mono\">").append(e(t.latestTarget())).append("</dd>\n")
                .append("<dt>Schedule</dt>\n<dd>").append(e(c.schedule())).append("</dd>\n</dl>\n");
        String p = e(t.hostPath());
        if (controls) {
            b.append("<footer class=\"controls\" hx-target=\"closest article\" hx-swap=\"outerHTML\">\n");
            form(b, p + "/backup", hidden, "run", "Run backup", c.running());
            form(b, p + "/dry-run", hidden, "secondary dry", "Dry run", c.running());
            form(b, p + "/cancel", hidden, "contrast cancel", "Cancel", !c.running());
            b.append("</footer>\n");
        }
        b.append("</article>\n");
    }

    /** The progress block: filled while running; empty and hidden otherwise, for live.js to fill. */
    private static void live(StringBuilder b, HostCards.Card c) {
        HostState s = c.running() ? c.state() : null;
        long expected = c.expectedFiles();
        b.append(s == null ? "<div class=\"live\" hidden>\n" : "<div class=\"live\">\n")
                .append("<p>Stage <span class=\"stage-num\">").append(s == null ? 0 : s.stage().num())
                .append("</span>/5 <span class=\"stage\">").append(s == null ? "" : e(s.stage().id())).append("</span></p>\n")
                .append("<progress class=\"stage-bar\" max=\"5\" value=\"").append(s == null ? 0 : s.stage().num())
                .append("\"></progress>\n<p>Files <span class=\"files\">").append(s == null ? 0 : s.files()).append("</span>");
        if (expected > 0) {
            b.append(" <span>of ~").append(expected).append("</span>");
        }
        b.append(", <span class=\"bytes\">").append(e(Format.bytes(s == null ? 0 : s.bytes())))
                .append("</span> transferred</p>\n<progress class=\"files-bar\"");
        if (expected > 0) {
            b.append(" max=\"").append(expected).append('"');
        }
        b.append(" value=\"").append(s == null ? 0 : s.files()).append("\"></progress>\n<p class=\"current\">")
                .append(s == null ? "" : e(Format.name(s.current()))).append("</p>\n</div>\n");
    }

    private static void form(StringBuilder b, String action, String hidden, String buttonClass, String label,
                             boolean disabled) {
        b.append("<form method=\"post\" action=\"").append(action).append("\" hx-post=\"").append(action).append("\">")
                .append(hidden).append("<button type=\"submit\" class=\"").append(buttonClass).append('"')
                .append(disabled ? " disabled" : "").append('>').append(label).append("</button></form>\n");
    }

    /** Escapes what HTML text and quoted attributes need ({@code & < > " '}); the page is UTF-8. */
    static String e(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
