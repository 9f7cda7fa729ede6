/* compiler: the metrics page of a site (hlrc site): every metric of the
 * latest report with its trend across the whole series, drawn from the
 * resolved series as the report pages draw theirs (emit_track.c). */
#include "compiler/site_metrics.h"
#include "compiler/diag.h"
#include "compiler/emit_track.h"
#include "compiler/lower.h"
#include "runtime/style.h"
#include "runtime/utf8.h"

#include <string.h>

static const struct hlr_report *latest(struct hlr_report **v, size_t n)
{
	for (size_t i = n; i-- > 0;)
		if (v[i]->track && v[i]->track->nvalues)
			return v[i];
	return NULL;
}

bool hlr_site_has_metrics(struct hlr_report **v, size_t n)
{
	return n && latest(v, n) != NULL;
}

void hlr_site_check_metrics_name(struct hlr_diags *d, struct hlr_report **v, size_t n)
{
	if (!hlr_site_has_metrics(v, n))
		return;
	for (size_t i = 0; i < n; i++)
		if (strlen(v[i]->name) == strlen(HLR_SITE_METRICS) &&
		    hlr_ascii_prefix_ci(v[i]->name, HLR_SITE_METRICS))
			hlr_diag(d, HLR_ERROR, HLR_C_SITE_INDEX_NAME, v[i]->src,
			         hlr_span_make(0, 0),
			         "a report called '%s.hlr': the site's metrics page, %s.html, would "
			         "overwrite its page; rename the file", v[i]->name, HLR_SITE_METRICS);
}

void hlr_site_metrics(struct hlr_buf *b, struct hlr_arena *a, struct hlr_report **v, size_t n)
{
	const struct hlr_report *r = latest(v, n);
	const struct hlr_ltrack *lt = hlr_lower_track(a, r, -1);
	struct hlr_doc doc;
	memset(&doc, 0, sizeof doc);
	doc.report = r;
	doc.view = -1;
	doc.track = lt;
	const char *title = r->title && *r->title ? r->title : "Highlight reports";
	hlr_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
	                "<meta charset=\"utf-8\">\n"
	                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                "<title>");
	hlr_buf_put_html(b, title, strlen(title));
	hlr_buf_puts(b, " \xE2\x80\x93 metrics</title>\n<style>\n");
	hlr_buf_put(b, hlr_style_css, hlr_style_css_len);
	hlr_buf_puts(b, "</style>\n");
	hlr_html_track_css(b, &doc);
	hlr_buf_puts(b, "</head>\n<body>\n<nav class=\"series-nav\" aria-label=\"Reports in this "
	                "series\">\n<ul>\n<li><a href=\"" HLR_SITE_INDEX_HTML "\">All reports</a></li>\n"
	                "</ul>\n</nav>\n<header class=\"report-header\">\n<h1>");
	hlr_buf_put_html(b, title, strlen(title));
	hlr_buf_puts(b, ": metrics</h1>\n<dl class=\"report-meta\">\n<dt>Latest values</dt><dd>");
	hlr_buf_put_html(b, r->period.label, strlen(r->period.label));
	hlr_buf_printf(b, "</dd>\n<dt>Reports</dt><dd>%zu</dd>\n</dl>\n</header>\n"
	                  "<main class=\"report-body\">\n<section class=\"section\" "
	                  "aria-labelledby=\"metrics\">\n<h2 id=\"metrics\">Metrics and their "
	                  "trends</h2>\n", n);
	hlr_html_metrics(b, lt);
	hlr_buf_puts(b, "</section>\n</main>\n</body>\n</html>\n");
}
