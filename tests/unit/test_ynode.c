/* tests/unit/test_ynode.c - YAML loading into positioned nodes (scenarios/ynode.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "ynode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char err[512];

static struct ynode *load_ok(struct ydoc *doc, const char *text)
{
    int rc = ydoc_load_string("t.yaml", text, strlen(text), doc, err, sizeof(err));
    if (rc != 0)
        fail_msg("unexpected error: %s", err);
    assert_non_null(doc->root);
    assert_string_equal(doc->path, "t.yaml");
    return doc->root;
}

/* Loads text expecting failure; returns the message. */
static const char *load_err(const char *text, size_t len)
{
    struct ydoc doc = {(struct ynode *)1, (char *)1}; /* must be reset on failure */
    err[0] = '\0';
    assert_int_equal(ydoc_load_string("t.yaml", text, len, &doc, err, sizeof(err)), -1);
    assert_null(doc.root);
    assert_null(doc.path);
    ydoc_free(&doc);
    return err;
}

static const char *load_err_s(const char *text)
{
    return load_err(text, strlen(text));
}

static void assert_pos(const struct ynode *n, int line, int col)
{
    assert_non_null(n);
    assert_int_equal(n->line, line);
    assert_int_equal(n->col, col);
}

static void assert_scalar(const struct ynode *n, const char *value)
{
    assert_non_null(n);
    assert_int_equal(n->kind, YNODE_SCALAR);
    assert_non_null(n->scalar);
    assert_string_equal(n->scalar, value);
}

static void nested_positions(void **state)
{
    (void)state;
    struct ydoc doc;
    struct ynode *root = load_ok(&doc,
        "name: blink\n"             /* 1 */
        "timeout: 10s\n"            /* 2 */
        "devices:\n"                /* 3 */
        "  - name: a\n"             /* 4 */
        "    pins:\n"               /* 5 */
        "      D7: high\n"          /* 6 */
        "steps:\n"                  /* 7 */
        "  - wait: 1s\n");          /* 8 */
    assert_int_equal(root->kind, YNODE_MAP);
    assert_pos(root, 1, 1);
    assert_int_equal(root->n, 4);
    assert_scalar(root->keys[0], "name");
    assert_pos(root->keys[0], 1, 1);
    assert_scalar(ynode_get(root, "name"), "blink");
    assert_pos(ynode_get(root, "name"), 1, 7);
    assert_pos(root->keys[1], 2, 1);
    assert_pos(ynode_get(root, "timeout"), 2, 10);

    struct ynode *devs = ynode_get(root, "devices");
    assert_int_equal(devs->kind, YNODE_SEQ);
    assert_pos(devs, 4, 3);
    assert_int_equal(devs->n, 1);
    struct ynode *d0 = devs->items[0];
    assert_int_equal(d0->kind, YNODE_MAP);
    assert_pos(d0, 4, 5);
    assert_pos(d0->keys[1], 5, 5);
    struct ynode *pins = ynode_get(d0, "pins");
    assert_int_equal(pins->kind, YNODE_MAP);
    assert_pos(pins, 6, 7);
    assert_pos(pins->keys[0], 6, 7);
    assert_scalar(ynode_get(pins, "D7"), "high");
    assert_pos(ynode_get(pins, "D7"), 6, 11);

    struct ynode *steps = ynode_get(root, "steps");
    assert_pos(steps, 8, 3);
    assert_pos(ynode_get(steps->items[0], "wait"), 8, 11);

    assert_null(ynode_get(root, "nope"));
    assert_null(ynode_get(devs, "name"));     /* not a map */
    assert_null(ynode_get(NULL, "name"));
    ydoc_free(&doc);
    assert_null(doc.root);
    assert_null(doc.path);
    ydoc_free(&doc); /* twice is harmless */
    ydoc_free(NULL);
}

static void quoted_and_plain(void **state)
{
    (void)state;
    struct ydoc doc;
    struct ynode *root = load_ok(&doc,
        "a: plain\n"
        "b: 'single'\n"
        "c: \"double\\tesc\"\n"
        "d: 'it''s'\n"
        "e: 42\n"
        "f: \"\"\n");
    struct ynode *n = ynode_get(root, "a");
    assert_scalar(n, "plain");
    assert_false(n->quoted);
    n = ynode_get(root, "b");
    assert_scalar(n, "single");
    assert_true(n->quoted);
    assert_pos(n, 2, 4);
    n = ynode_get(root, "c");
    assert_scalar(n, "double\tesc");
    assert_true(n->quoted);
    assert_scalar(ynode_get(root, "d"), "it's");
    n = ynode_get(root, "e");
    assert_scalar(n, "42");
    assert_false(n->quoted);
    n = ynode_get(root, "f");
    assert_scalar(n, "");
    assert_true(n->quoted);
    assert_false(n->null);
    assert_false(root->keys[0]->quoted);
    ydoc_free(&doc);
}

static void null_detection(void **state)
{
    (void)state;
    struct ydoc doc;
    struct ynode *root = load_ok(&doc,
        "empty:\n"
        "tilde: ~\n"
        "lower: null\n"
        "title: Null\n"
        "upper: NULL\n"
        "odd: nULL\n"
        "word: nullx\n"
        "sq: 'null'\n"
        "dq: \"~\"\n"
        "lit: |\n"
        "  null\n"
        "list: [~, Null, x, {k: }]\n");
    static const char *const nulls[] = {"empty", "tilde", "lower", "title", "upper"};
    for (size_t i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++) {
        struct ynode *n = ynode_get(root, nulls[i]);
        assert_non_null(n);
        assert_int_equal(n->kind, YNODE_SCALAR);
        assert_true(n->null);
        assert_false(n->quoted);
        assert_non_null(n->scalar);
    }
    assert_string_equal(ynode_get(root, "empty")->scalar, "");
    assert_string_equal(ynode_get(root, "tilde")->scalar, "~");
    static const char *const not_nulls[] = {"odd", "word", "sq", "dq", "lit"};
    for (size_t i = 0; i < sizeof(not_nulls) / sizeof(not_nulls[0]); i++)
        assert_false(ynode_get(root, not_nulls[i])->null);
    struct ynode *list = ynode_get(root, "list");
    assert_int_equal(list->n, 4);
    assert_true(list->items[0]->null);
    assert_true(list->items[1]->null);
    assert_false(list->items[2]->null);
    assert_true(ynode_get(list->items[3], "k")->null);
    ydoc_free(&doc);
}

static void sequence_of_maps(void **state)
{
    (void)state;
    struct ydoc doc;
    struct ynode *root = load_ok(&doc,
        "- name: a\n"
        "  port: 1\n"
        "- name: b\n"
        "  port: 2\n"
        "-\n"
        "  name: c\n");
    assert_int_equal(root->kind, YNODE_SEQ);
    assert_int_equal(root->n, 3);
    assert_null(root->keys);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(root->items[i]->kind, YNODE_MAP);
    assert_pos(root->items[0], 1, 3);
    assert_pos(root->items[1], 3, 3);
    assert_pos(root->items[2], 6, 3);
    assert_scalar(ynode_get(root->items[1], "name"), "b");
    assert_scalar(ynode_get(root->items[1], "port"), "2");
    assert_pos(ynode_get(root->items[1], "port"), 4, 9);
    assert_scalar(ynode_get(root->items[2], "name"), "c");
    ydoc_free(&doc);
}

static void flow_style(void **state)
{
    (void)state;
    struct ydoc doc;
    struct ynode *root = load_ok(&doc, "m: {a: 1, b: [1, 2]}\ns: [x, {y: z}, []]\n");
    struct ynode *m = ynode_get(root, "m");
    assert_int_equal(m->kind, YNODE_MAP);
    assert_pos(m, 1, 4);
    assert_int_equal(m->n, 2);
    assert_scalar(ynode_get(m, "a"), "1");
    assert_pos(ynode_get(m, "a"), 1, 8);
    struct ynode *b = ynode_get(m, "b");
    assert_int_equal(b->kind, YNODE_SEQ);
    assert_pos(b, 1, 14);
    assert_int_equal(b->n, 2);
    assert_scalar(b->items[0], "1");
    assert_pos(b->items[0], 1, 15);
    assert_scalar(b->items[1], "2");
    assert_pos(b->items[1], 1, 18);
    struct ynode *s = ynode_get(root, "s");
    assert_int_equal(s->n, 3);
    assert_scalar(s->items[0], "x");
    assert_int_equal(s->items[1]->kind, YNODE_MAP);
    assert_scalar(ynode_get(s->items[1], "y"), "z");
    assert_int_equal(s->items[2]->kind, YNODE_SEQ);
    assert_int_equal(s->items[2]->n, 0);
    ydoc_free(&doc);

    root = load_ok(&doc, "[1, 2]");
    assert_int_equal(root->kind, YNODE_SEQ);
    assert_int_equal(root->n, 2);
    ydoc_free(&doc);
    root = load_ok(&doc, "{}");
    assert_int_equal(root->kind, YNODE_MAP);
    assert_int_equal(root->n, 0);
    ydoc_free(&doc);
}

static void duplicate_keys(void **state)
{
    (void)state;
    assert_string_equal(load_err_s("name: a\ntimeout: 1\nname: b\n"),
                        "t.yaml:3:1: duplicate key \"name\" (first defined at line 1)");
    assert_string_equal(load_err_s("d:\n  - x: 1\n    y: 2\n    x: 3\n"),
                        "t.yaml:4:5: duplicate key \"x\" (first defined at line 2)");
    assert_string_equal(load_err_s("{a: 1, b: 2, a: 3}"),
                        "t.yaml:1:14: duplicate key \"a\" (first defined at line 1)");
    /* A quoted key equals the plain one. */
    assert_string_equal(load_err_s("a: 1\n'a': 2\n"),
                        "t.yaml:2:1: duplicate key \"a\" (first defined at line 1)");
    /* The same key in different mappings is fine. */
    struct ydoc doc;
    load_ok(&doc, "a: {x: 1}\nb: {x: 2}\nc: [{x: 1}, {x: 2}]\n");
    ydoc_free(&doc);

    /* A big mapping (the hash set grows) with the duplicate at the end. */
    size_t cap = 3000 * 16;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t len = 0;
    for (int i = 0; i < 3000; i++)
        len += (size_t)snprintf(text + len, cap - len, "key%d: %d\n", i, i);
    struct ynode *root = load_ok(&doc, text);
    assert_int_equal(root->n, 3000);
    assert_scalar(ynode_get(root, "key2999"), "2999");
    assert_pos(ynode_get(root, "key1234"), 1235, 10);
    ydoc_free(&doc);
    snprintf(text + len, cap - len, "key1500: again\n");
    assert_string_equal(load_err_s(text),
                        "t.yaml:3001:1: duplicate key \"key1500\" (first defined at line 1501)");
    free(text);
}

static void keys_must_be_scalars(void **state)
{
    (void)state;
    assert_string_equal(load_err_s("? [a, b]\n: c\n"),
                        "t.yaml:1:3: mapping keys must be scalars, not a sequence");
    assert_string_equal(load_err_s("{{a: 1}: 2}"),
                        "t.yaml:1:2: mapping keys must be scalars, not a mapping");
}

static void aliases_rejected(void **state)
{
    (void)state;
    assert_string_equal(load_err_s("base: &b {a: 1}\nother: *b\n"),
                        "t.yaml:2:8: aliases are not supported (*b)");
    /* The classic alias bomb fails at its first alias. */
    const char *bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n";
    assert_non_null(strstr(load_err_s(bomb), "aliases are not supported"));
    /* An anchor alone is harmless and ignored. */
    struct ydoc doc;
    struct ynode *root = load_ok(&doc, "a: &x 1\n");
    assert_scalar(ynode_get(root, "a"), "1");
    ydoc_free(&doc);
}

static void one_document_only(void **state)
{
    (void)state;
    assert_string_equal(load_err_s("a: 1\n---\nb: 2\n"),
                        "t.yaml:2:1: a second document is not allowed (a scenario file holds one document)");
    assert_non_null(strstr(load_err_s("a: 1\n...\n---\nb: 2\n"), "t.yaml:3:1: a second document"));
    /* libyaml wants "---" after "...": a syntax error, still an error. */
    assert_string_equal(load_err_s("a: 1\n...\nb: 2\n"), "t.yaml:3:1: did not find expected <document start>");
    assert_non_null(strstr(load_err_s("---\na: 1\n---\n"), "t.yaml:3:1: a second document"));
    /* Explicit start and end markers around one document are fine. */
    struct ydoc doc;
    struct ynode *root = load_ok(&doc, "%YAML 1.1\n---\na: 1\n...\n# trailing comment\n");
    assert_scalar(ynode_get(root, "a"), "1");
    assert_pos(root, 3, 1);
    ydoc_free(&doc);
}

static void empty_input(void **state)
{
    (void)state;
    assert_string_equal(load_err_s(""), "t.yaml: empty scenario");
    assert_string_equal(load_err_s("# just\n  # comments\n\n"), "t.yaml: empty scenario");
    assert_string_equal(load_err_s("\n\n   \n"), "t.yaml: empty scenario");
    assert_string_equal(load_err(NULL, 0), "t.yaml: empty scenario");
    /* A document that is only a null is not empty: the root is a null scalar. */
    struct ydoc doc;
    struct ynode *root = load_ok(&doc, "~\n");
    assert_int_equal(root->kind, YNODE_SCALAR);
    assert_true(root->null);
    ydoc_free(&doc);
}

static void syntax_errors(void **state)
{
    (void)state;
    const char *e = load_err_s("name: x\nsteps:\n  - a: b: c\n");
    assert_string_equal(e, "t.yaml:3:9: mapping values are not allowed in this context");
    e = load_err_s("a: 1\nb: [1, 2\nc: 3\n");
    assert_non_null(strstr(e, "t.yaml:3:2: did not find expected ',' or ']'"));
    assert_non_null(strstr(e, "while parsing a flow sequence at 2:4"));
    e = load_err_s("a:\n  b: 1\n c: 2\n");
    assert_string_equal(e, "t.yaml:3:2: did not find expected key (while parsing a block mapping at 1:1)");
    e = load_err_s("a: \"unterminated\n");
    assert_non_null(strstr(e, "t.yaml:2:1: found unexpected end of stream"));
    e = load_err_s("a: 1\n\tb: 2\n");
    assert_non_null(strstr(e, "t.yaml:2:"));
    /* A truncated message is still terminated. */
    char small[12];
    struct ydoc doc;
    assert_int_equal(ydoc_load_string("t.yaml", "a: b: c", 7, &doc, small, sizeof(small)), -1);
    assert_string_equal(small, "t.yaml:1:5:");
    assert_int_equal(ydoc_load_string("t.yaml", "a: b: c", 7, &doc, NULL, 0), -1);
    /* No path: "<string>". */
    assert_int_equal(ydoc_load_string(NULL, "a: b: c", 7, &doc, err, sizeof(err)), -1);
    assert_string_equal(err, "<string>:1:5: mapping values are not allowed in this context");
}

static char *nested(int levels, const char *open, const char *inner, const char *close)
{
    size_t cap = (size_t)levels * (strlen(open) + strlen(close)) + strlen(inner) + 1;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t len = 0;
    for (int i = 0; i < levels; i++, len += strlen(open))
        memcpy(s + len, open, strlen(open));
    memcpy(s + len, inner, strlen(inner));
    len += strlen(inner);
    for (int i = 0; i < levels; i++, len += strlen(close))
        memcpy(s + len, close, strlen(close));
    s[len] = '\0';
    return s;
}

static void nesting_limit(void **state)
{
    (void)state;
    struct ydoc doc;
    char *s = nested(YDOC_MAX_DEPTH, "[", "x", "]");
    struct ynode *n = load_ok(&doc, s);
    for (int i = 1; i < YDOC_MAX_DEPTH; i++) {
        assert_int_equal(n->kind, YNODE_SEQ);
        assert_int_equal(n->n, 1);
        n = n->items[0];
    }
    assert_int_equal(n->kind, YNODE_SEQ);
    assert_scalar(n->items[0], "x");
    ydoc_free(&doc);
    free(s);

    s = nested(YDOC_MAX_DEPTH + 1, "[", "x", "]");
    assert_string_equal(load_err_s(s), "t.yaml:1:65: nesting too deep (the limit is 64 levels)");
    free(s);
    s = nested(100000, "{a: ", "x", "}");
    assert_string_equal(load_err_s(s), "t.yaml:1:257: nesting too deep (the limit is 64 levels)");
    free(s);

    /* Block style: each level a deeper-indented mapping. */
    size_t cap = 70 * 80;
    char *b = malloc(cap);
    assert_non_null(b);
    size_t len = 0;
    for (int i = 0; i < 70; i++)
        len += (size_t)snprintf(b + len, cap - len, "%*sk:\n", i, "");
    assert_string_equal(load_err_s(b), "t.yaml:65:65: nesting too deep (the limit is 64 levels)");
    free(b);
}

static void node_and_size_limits(void **state)
{
    (void)state;
    /* One sequence plus N - 1 items is exactly the limit. */
    size_t items = YDOC_MAX_NODES - 1;
    char *s = malloc(items * 2 + 8);
    assert_non_null(s);
    size_t len = 0;
    s[len++] = '[';
    for (size_t i = 0; i < items; i++) {
        s[len++] = '1';
        s[len++] = ',';
    }
    s[len - 1] = ']';
    s[len] = '\0';
    struct ydoc doc;
    struct ynode *root = load_ok(&doc, s);
    assert_int_equal(root->n, items);
    ydoc_free(&doc);
    s[len - 1] = ',';
    s[len++] = '2';
    s[len++] = ']';
    s[len] = '\0';
    assert_string_equal(load_err(s, len), "t.yaml:1:200000: too many nodes (the limit is 100000)");
    free(s);

    /* Size: checked before parsing. */
    size_t big = YDOC_MAX_BYTES + 1;
    char *t = malloc(big);
    assert_non_null(t);
    memset(t, '#', big);
    assert_string_equal(load_err(t, big), "t.yaml: file too large (the limit is 1048576 bytes)");
    memcpy(t, "a: 1\n", 5);
    /* Exactly the limit: "a: 1" and one long comment line. */
    assert_int_equal(ydoc_load_string("t.yaml", t, YDOC_MAX_BYTES, &doc, err, sizeof(err)), 0);
    assert_scalar(ynode_get(doc.root, "a"), "1");
    ydoc_free(&doc);
    free(t);
}

static void block_scalars(void **state)
{
    (void)state;
    struct ydoc doc;
    struct ynode *root = load_ok(&doc,
        "lit: |\n"
        "  line 1\n"
        "    indented\n"
        "  line 3\n"
        "fold: >\n"
        "  folded\n"
        "  text\n"
        "\n"
        "  para\n"
        "strip: |-\n"
        "  no newline\n"
        "keep: >+\n"
        "  kept\n"
        "\n"
        "end: 1\n");
    struct ynode *n = ynode_get(root, "lit");
    assert_scalar(n, "line 1\n  indented\nline 3\n");
    assert_false(n->quoted);
    assert_false(n->null);
    assert_pos(n, 1, 6);
    assert_scalar(ynode_get(root, "fold"), "folded text\npara\n");
    assert_pos(ynode_get(root, "fold"), 5, 7);
    assert_scalar(ynode_get(root, "strip"), "no newline");
    assert_scalar(ynode_get(root, "keep"), "kept\n\n");
    assert_pos(root->keys[4], 15, 1);
    ydoc_free(&doc);
}

static void unicode(void **state)
{
    (void)state;
    struct ydoc doc;
    struct ynode *root = load_ok(&doc,
        "名前: 値\n"
        "emoji: \"\\u00e9 \\U0001F600\"\n"
        "raw: 🙂 ok\n");
    assert_scalar(root->keys[0], "名前");
    assert_scalar(ynode_get(root, "名前"), "値");
    assert_pos(ynode_get(root, "名前"), 1, 5); /* columns count characters */
    assert_scalar(ynode_get(root, "emoji"), "\xc3\xa9 \xf0\x9f\x98\x80");
    assert_scalar(ynode_get(root, "raw"), "🙂 ok");
    ydoc_free(&doc);

    /* A UTF-8 byte order mark is skipped and not counted as a column. */
    root = load_ok(&doc, "\xef\xbb\xbf" "a: 1\nb:\n  c: 2\n");
    assert_pos(root->keys[0], 1, 1);
    assert_pos(ynode_get(root, "a"), 1, 4);
    assert_pos(ynode_get(ynode_get(root, "b"), "c"), 3, 6);
    ydoc_free(&doc);
    assert_string_equal(load_err_s("\xef\xbb\xbf" "a: \xff\n"), "t.yaml:1:4: invalid leading UTF-8 octet (0xFF)");

    /* Invalid UTF-8 and control characters: position from the byte offset. */
    assert_string_equal(load_err_s("a: 1\nb: x\xff\n"), "t.yaml:2:5: invalid leading UTF-8 octet (0xFF)");
    assert_string_equal(load_err_s("a: é\xc3"), "t.yaml:1:5: incomplete UTF-8 octet sequence");
    assert_string_equal(load_err_s("a: \x01\n"), "t.yaml:1:4: control characters are not allowed (0x1)");
    assert_string_equal(load_err("a: \0\n", 5), "t.yaml:1:4: control characters are not allowed (0x0)");
    /* UTF-16 is not guessed from a BOM: it is invalid UTF-8. */
    assert_non_null(strstr(load_err("\xff\xfe" "a\0:\0", 6), "t.yaml:1:1: invalid leading UTF-8 octet"));
    /* An escaped NUL cannot be represented in a C string. */
    assert_string_equal(load_err_s("a: \"x\\0y\"\n"), "t.yaml:1:4: scalar contains a NUL character");
}

static void crlf_line_endings(void **state)
{
    (void)state;
    struct ydoc doc;
    struct ynode *root = load_ok(&doc,
        "name: crlf\r\n"
        "list:\r\n"
        "  - one\r\n"
        "  - two\r\n"
        "text: |\r\n"
        "  a\r\n"
        "  b\r\n"
        "last: 'x'\r\n");
    assert_scalar(ynode_get(root, "name"), "crlf");
    struct ynode *list = ynode_get(root, "list");
    assert_pos(list, 3, 3);
    assert_scalar(list->items[1], "two");
    assert_pos(list->items[1], 4, 5);
    assert_scalar(ynode_get(root, "text"), "a\nb\n");
    assert_pos(root->keys[3], 8, 1);
    assert_scalar(ynode_get(root, "last"), "x");
    ydoc_free(&doc);
    assert_string_equal(load_err_s("a: 1\r\nb: \xff\r\n"), "t.yaml:2:4: invalid leading UTF-8 octet (0xFF)");
}

static void error_formatting(void **state)
{
    (void)state;
    struct ydoc doc;
    struct ynode *root = load_ok(&doc, "devices:\n  - name: a\n    pin: Q9\n");
    struct ynode *pin = ynode_get(ynode_get(root, "devices")->items[0], "pin");
    assert_int_equal(ydoc_error(&doc, pin, err, sizeof(err), "unknown pin \"%s\"", pin->scalar), -1);
    assert_string_equal(err, "t.yaml:3:10: unknown pin \"Q9\"");
    assert_int_equal(ydoc_error(&doc, NULL, err, sizeof(err), "no %s", "devices"), -1);
    assert_string_equal(err, "t.yaml: no devices");
    struct ynode *devs = ynode_get(root, "devices");
    ydoc_error(&doc, devs, err, sizeof(err), "expected %s, got %s", ynode_kind_name(YNODE_MAP),
               ynode_kind_name(devs->kind));
    assert_string_equal(err, "t.yaml:2:3: expected a mapping, got a sequence");
    char small[10];
    ydoc_error(&doc, pin, small, sizeof(small), "long message");
    assert_string_equal(small, "t.yaml:3:");
    ydoc_error(&doc, pin, small, 3, "x");
    assert_string_equal(small, "t.");
    assert_int_equal(ydoc_error(&doc, pin, NULL, 0, "x"), -1);
    ydoc_error(NULL, NULL, err, sizeof(err), "bare");
    assert_string_equal(err, "<string>: bare");
    ydoc_free(&doc);

    assert_string_equal(ynode_kind_name(YNODE_SCALAR), "a scalar");
    assert_string_equal(ynode_kind_name(YNODE_MAP), "a mapping");
    assert_string_equal(ynode_kind_name(YNODE_SEQ), "a sequence");
}

static void files(void **state)
{
    (void)state;
    struct ydoc doc = {0};
    assert_int_equal(ydoc_load_file("/nonexistent/dir/s.yaml", &doc, err, sizeof(err)), -1);
    assert_string_equal(err, "/nonexistent/dir/s.yaml: cannot read: No such file or directory");
    assert_null(doc.root);
    assert_int_equal(ydoc_load_file("/tmp", &doc, err, sizeof(err)), -1);
    assert_string_equal(err, "/tmp: cannot read: Is a directory");

    char path[] = "/tmp/test_ynode_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("name: file\nsteps:\n  - x\n", f);
    fclose(f);
    assert_int_equal(ydoc_load_file(path, &doc, err, sizeof(err)), 0);
    assert_string_equal(doc.path, path);
    assert_pos(ynode_get(doc.root, "steps")->items[0], 3, 5);
    ydoc_error(&doc, ynode_get(doc.root, "name"), err, sizeof(err), "bad");
    char want[600];
    snprintf(want, sizeof(want), "%s:1:7: bad", path);
    assert_string_equal(err, want);
    ydoc_free(&doc);

    f = fopen(path, "w");
    assert_non_null(f);
    fputs("# nothing here\n", f);
    fclose(f);
    assert_int_equal(ydoc_load_file(path, &doc, err, sizeof(err)), -1);
    snprintf(want, sizeof(want), "%s: empty scenario", path);
    assert_string_equal(err, want);

    f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < YDOC_MAX_BYTES / 16 + 1; i++)
        fputs("# 16 bytes ....\n", f);
    fclose(f);
    assert_int_equal(ydoc_load_file(path, &doc, err, sizeof(err)), -1);
    snprintf(want, sizeof(want), "%s: file too large (the limit is 1048576 bytes)", path);
    assert_string_equal(err, want);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nested_positions),
        cmocka_unit_test(quoted_and_plain),
        cmocka_unit_test(null_detection),
        cmocka_unit_test(sequence_of_maps),
        cmocka_unit_test(flow_style),
        cmocka_unit_test(duplicate_keys),
        cmocka_unit_test(keys_must_be_scalars),
        cmocka_unit_test(aliases_rejected),
        cmocka_unit_test(one_document_only),
        cmocka_unit_test(empty_input),
        cmocka_unit_test(syntax_errors),
        cmocka_unit_test(nesting_limit),
        cmocka_unit_test(node_and_size_limits),
        cmocka_unit_test(block_scalars),
        cmocka_unit_test(unicode),
        cmocka_unit_test(crlf_line_endings),
        cmocka_unit_test(error_formatting),
        cmocka_unit_test(files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
