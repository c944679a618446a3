/* sim/inopp_scan.c - tokenizer of the .ino preprocessor. Owns the lexical
 * side: comments (with line splices), string/char literals (escapes, prefixes,
 * raw strings), numbers with digit separators, punctuators, and preprocessor
 * directives (skipped as a whole, continuation lines included, but recorded so
 * that #include/#if/#define can be inspected). Also the queries on tokens
 * and directives that the parser in inopp.c is built from, among them finding
 * the declarator `name(params)` of a declaration. */
#include "inopp_scan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct scanner {
    const char *s;
    size_t n;
    struct ipp_scan *sc;
    size_t ctok, cdir;
};

static int is_id0(char ch)
{
    unsigned char c = (unsigned char)ch;
    return c == '_' || c == '$' || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_id(char c)
{
    return is_id0(c) || is_digit(c);
}

static int is_hspace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Length of a backslash-newline line splice at i, 0 if there is none. */
static size_t splice_len(const char *s, size_t n, size_t i)
{
    if (i < n && s[i] == '\\') {
        if (i + 1 < n && s[i + 1] == '\n')
            return 2;
        if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n')
            return 3;
    }
    return 0;
}

/* i is at the '/' opening a block comment; returns the index after it. */
static size_t skip_block_comment(const char *s, size_t n, size_t i)
{
    for (i += 2; i + 1 < n; i++)
        if (s[i] == '*' && s[i + 1] == '/')
            return i + 2;
    return n;
}

/* Returns the index of the newline ending a // comment (splices continue it). */
static size_t skip_line_comment(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] != '\n') {
        size_t k = splice_len(s, n, i);
        i += k ? k : 1;
    }
    return i;
}

/* i is at an opening quote; returns the index after the closing one (or the
 * newline ending an unterminated literal). */
static size_t skip_quoted(const char *s, size_t n, size_t i)
{
    char q = s[i++];
    while (i < n) {
        char c = s[i];
        if (c == '\\') {
            size_t k = splice_len(s, n, i);
            i += k ? k : 2;
            continue;
        }
        if (c == q)
            return i + 1;
        if (c == '\n')
            return i;
        i++;
    }
    return n;
}

/* i is at the '"' of R"delim( ... )delim". */
static size_t skip_raw(const char *s, size_t n, size_t i)
{
    size_t d0 = i + 1, d = d0;
    while (d < n && s[d] != '(') {
        char c = s[d];
        if (d - d0 >= 16 || c == ')' || c == '\\' || c == '"' || c == ' ' ||
            c == '\t' || c == '\n')
            return skip_quoted(s, n, i);
        d++;
    }
    if (d >= n)
        return skip_quoted(s, n, i);
    size_t dl = d - d0;
    for (size_t j = d + 1; j + 1 + dl < n; j++)
        if (s[j] == ')' && memcmp(s + j + 1, s + d0, dl) == 0 &&
            s[j + 1 + dl] == '"')
            return j + 2 + dl;
    return n;
}

/* i is at the '#'; returns the index of the newline ending the directive. */
static size_t skip_directive(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] != '\n') {
        size_t k = splice_len(s, n, i);
        if (k)
            i += k;
        else if (s[i] == '/' && i + 1 < n && s[i + 1] == '*')
            i = skip_block_comment(s, n, i);
        else if (s[i] == '/' && i + 1 < n && s[i + 1] == '/')
            return skip_line_comment(s, n, i);
        else if (s[i] == '"' || s[i] == '\'')
            i = skip_quoted(s, n, i);
        else
            i++;
    }
    return i;
}

static size_t skip_hspace(const char *s, size_t end, size_t i)
{
    for (;;) {
        size_t k = splice_len(s, end, i);
        if (k)
            i += k;
        else if (i < end && is_hspace(s[i]))
            i++;
        else
            return i;
    }
}

static int word_is(const char *s, size_t off, size_t len, const char *w)
{
    return len == strlen(w) && memcmp(s + off, w, len) == 0;
}

static void classify_directive(const char *s, struct ipp_dir *d, int *particle)
{
    size_t i = skip_hspace(s, d->end, d->off + 1), w = i;
    while (i < d->end && is_id(s[i]))
        i++;
    size_t wl = i - w;
    if (word_is(s, w, wl, "if") || word_is(s, w, wl, "ifdef") ||
        word_is(s, w, wl, "ifndef")) {
        d->kind = IPD_IF;
    } else if (word_is(s, w, wl, "endif")) {
        d->kind = IPD_ENDIF;
    } else if (word_is(s, w, wl, "define")) {
        d->kind = IPD_DEFINE;
        i = skip_hspace(s, d->end, i);
        d->name_off = i;
        while (i < d->end && is_id(s[i]))
            i++;
        d->name_len = i - d->name_off;
    } else if (word_is(s, w, wl, "include")) {
        d->kind = IPD_INCLUDE;
        i = skip_hspace(s, d->end, i);
        if (i >= d->end || (s[i] != '"' && s[i] != '<'))
            return;
        char close = s[i] == '"' ? '"' : '>';
        size_t h = ++i;
        while (i < d->end && s[i] != close && s[i] != '\n')
            i++;
        if (i < d->end && s[i] == close &&
            (word_is(s, h, i - h, "Particle.h") ||
             word_is(s, h, i - h, "application.h")))
            *particle = 1;
    }
}

static int push_tok(struct scanner *z, size_t off, size_t end, int kind, int gap)
{
    struct ipp_scan *sc = z->sc;
    if (sc->ntok == z->ctok) {
        size_t nc = z->ctok ? 2 * z->ctok : 256;
        struct ipp_tok *t = realloc(sc->tok, nc * sizeof(*t));
        if (!t)
            return -ENOMEM;
        sc->tok = t;
        z->ctok = nc;
    }
    sc->tok[sc->ntok++] = (struct ipp_tok){ off, end - off, (unsigned char)kind,
                                            (unsigned char)gap };
    return 0;
}

static int push_dir(struct scanner *z, size_t line_off, size_t off, size_t end)
{
    struct ipp_scan *sc = z->sc;
    if (sc->ndir == z->cdir) {
        size_t nc = z->cdir ? 2 * z->cdir : 32;
        struct ipp_dir *d = realloc(sc->dir, nc * sizeof(*d));
        if (!d)
            return -ENOMEM;
        sc->dir = d;
        z->cdir = nc;
    }
    struct ipp_dir *d = &sc->dir[sc->ndir++];
    *d = (struct ipp_dir){ .line_off = line_off, .off = off, .end = end };
    classify_directive(z->s, d, &sc->has_particle);
    return 0;
}

static size_t punct_len(const char *s, size_t n, size_t i)
{
    if (i + 2 < n && s[i] == '.' && s[i + 1] == '.' && s[i + 2] == '.')
        return 3;
    if (i + 1 < n) {
        char a = s[i], b = s[i + 1];
        if ((a == ':' && b == ':') || (a == '-' && b == '>'))
            return 2;
        if (b == '=' && a && memchr("=!<>+-*/%&|^", a, 12))
            return 2;
    }
    return 1;
}

static int prefix_is(const char *s, size_t a, size_t b, const char *const *list)
{
    for (; *list; list++)
        if (word_is(s, a, b - a, *list))
            return 1;
    return 0;
}

static const char *const raw_prefixes[] = { "R", "LR", "uR", "UR", "u8R", NULL };
static const char *const str_prefixes[] = { "L", "u", "U", "u8", NULL };

/* Scans one token starting at i (not whitespace, comment or directive);
 * returns its end and kind. */
static size_t scan_token(const char *s, size_t n, size_t i, int *kind)
{
    char c = s[i];
    if (is_id0(c)) {
        size_t e = i;
        while (e < n && is_id(s[e]))
            e++;
        if (e < n && s[e] == '"' && prefix_is(s, i, e, raw_prefixes)) {
            *kind = IPT_STRING;
            return skip_raw(s, n, e);
        }
        if (e < n && (s[e] == '"' || s[e] == '\'') &&
            prefix_is(s, i, e, str_prefixes)) {
            *kind = s[e] == '"' ? IPT_STRING : IPT_CHAR;
            return skip_quoted(s, n, e);
        }
        *kind = IPT_IDENT;
        return e;
    }
    if (is_digit(c) || (c == '.' && i + 1 < n && is_digit(s[i + 1]))) {
        size_t e = i + 1;
        while (e < n) {
            char d = s[e];
            if (is_id(d) || d == '.')
                e++;
            else if ((d == '+' || d == '-') &&
                     memchr("eEpP", s[e - 1], 4))
                e++;
            else if (d == '\'' && e + 1 < n && is_id(s[e + 1]))
                e += 2;
            else
                break;
        }
        *kind = IPT_NUMBER;
        return e;
    }
    if (c == '"' || c == '\'') {
        *kind = c == '"' ? IPT_STRING : IPT_CHAR;
        return skip_quoted(s, n, i);
    }
    *kind = IPT_PUNCT;
    return i + punct_len(s, n, i);
}

int ipp_scan(const char *s, size_t n, struct ipp_scan *sc)
{
    struct scanner z = { s, n, sc, 0, 0 };
    memset(sc, 0, sizeof(*sc));
    sc->s = s;
    int bol = 1, gap = 1, rc = 0;
    size_t line_off = 0, i = 0;
    while (i < n && !rc) {
        char c = s[i];
        size_t k;
        if (c == '\n') {
            bol = gap = 1;
            line_off = ++i;
        } else if (is_hspace(c)) {
            gap = 1;
            i++;
        } else if ((k = splice_len(s, n, i)) != 0) {
            i += k;
        } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            i = skip_block_comment(s, n, i);
            gap = 1;
        } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
            i = skip_line_comment(s, n, i);
            gap = 1;
        } else if (c == '#' && bol) {
            size_t e = skip_directive(s, n, i);
            rc = push_dir(&z, line_off, i, e);
            i = e;
            gap = 1;
        } else {
            int kind;
            size_t e = scan_token(s, n, i, &kind);
            if (e > n)
                e = n;
            rc = push_tok(&z, i, e, kind, gap);
            i = e;
            bol = gap = 0;
        }
    }
    if (rc)
        ipp_scan_free(sc);
    return rc;
}

void ipp_scan_free(struct ipp_scan *sc)
{
    free(sc->tok);
    free(sc->dir);
    memset(sc, 0, sizeof(*sc));
}

int ipp_is(const struct ipp_scan *sc, size_t i, const char *w)
{
    const struct ipp_tok *t = &sc->tok[i];
    return t->len == strlen(w) && memcmp(sc->s + t->off, w, t->len) == 0;
}

int ipp_same(const struct ipp_scan *sc, size_t i, size_t off, size_t len)
{
    const struct ipp_tok *t = &sc->tok[i];
    return t->len == len && memcmp(sc->s + t->off, sc->s + off, len) == 0;
}

int ipp_punct(const struct ipp_scan *sc, size_t i, const char *set)
{
    const struct ipp_tok *t = &sc->tok[i];
    return t->kind == IPT_PUNCT && t->len == 1 &&
           memchr(set, sc->s[t->off], strlen(set)) != NULL;
}

size_t ipp_match(const struct ipp_scan *sc, size_t i, size_t end)
{
    int depth = 0;
    for (; i < end; i++) {
        if (ipp_punct(sc, i, "([{"))
            depth++;
        else if (ipp_punct(sc, i, ")]}") && --depth <= 0)
            return i + 1;
    }
    return end;
}

int ipp_angle(const struct ipp_scan *sc, size_t i, int *angle)
{
    if (ipp_is(sc, i, "<"))
        ++*angle;
    else if (ipp_is(sc, i, ">") && *angle)
        --*angle;
    else
        return 0;
    return 1;
}

static const char *const keywords[] = {
    "if", "for", "while", "switch", "catch", "return", "sizeof", "alignof",
    "alignas", "_Alignas", "decltype", "noexcept", "throw", "typeof",
    "__typeof__", "__typeof", "__attribute__", "__attribute", "__declspec",
    "static_assert", "_Static_assert", "asm", "__asm__", "__asm", "void",
    "char", "short", "int", "long", "float", "double", "bool", "signed",
    "unsigned", "auto", "const", "volatile", "static", "extern", "inline",
    "typedef", "struct", "class", "union", "enum", "namespace", "template",
    "typename", "using", "new", "delete", "do", "else", "case", "default",
    "goto", "break", "continue", "this", "constexpr", "explicit", "virtual",
    "friend", "register", "mutable", "operator", "__extension__", NULL
};

int ipp_keyword(const struct ipp_scan *sc, size_t i)
{
    if (sc->tok[i].kind != IPT_IDENT)
        return 0;
    for (const char *const *k = keywords; *k; k++)
        if (ipp_is(sc, i, *k))
            return 1;
    return 0;
}

/* Finds the declarator `name(...)` of the declaration head [h0,h1): the last
 * `identifier (` at bracket depth 0, outside template arguments, before any
 * top-level '=' and any trailing return type. An earlier one is taken for a
 * macro invocation such as `SYSTEM_THREAD(ENABLED)` and skipped. */
void ipp_declarator(const struct ipp_scan *sc, size_t h0, size_t h1,
                    struct ipp_head *h)
{
    int angle = 0, arrow = 0;
    *h = (struct ipp_head){ .start = h0, .cand = IPP_NONE, .close = h1 };
    for (size_t i = h0; i < h1;) {
        if (ipp_punct(sc, i, "([{")) {
            size_t e = ipp_match(sc, i, h1);
            if (ipp_is(sc, i, "(") && !arrow && !h->eq && !angle && i > h0 &&
                sc->tok[i - 1].kind == IPT_IDENT && !ipp_keyword(sc, i - 1)) {
                if (h->cand != IPP_NONE)
                    h->start = h->close;
                h->cand = i;
                h->close = e;
            }
            i = e;
            continue;
        }
        if (ipp_angle(sc, i, &angle) || angle)
            ;                           /* template arguments */
        else if (ipp_is(sc, i, "="))
            h->eq = 1;
        else if (ipp_is(sc, i, "->"))
            arrow = 1;
        else if (ipp_is(sc, i, "template"))
            h->tmpl = 1;
        else if (ipp_is(sc, i, "operator"))
            h->op = 1;
        i++;
    }
}

int ipp_trailing(const struct ipp_scan *sc, size_t i, size_t end)
{
    while (i < end) {
        if (ipp_is(sc, i, "->"))
            return 1;
        if (ipp_is(sc, i, ":"))
            return 2;
        if (ipp_punct(sc, i, "([")) {
            i = ipp_match(sc, i, end);
            continue;
        }
        if ((sc->tok[i].kind == IPT_IDENT && !ipp_is(sc, i, "try")) ||
            ipp_is(sc, i, "&")) {
            i++;
            continue;
        }
        return 0;
    }
    return 1;
}

int ipp_has_default(const struct ipp_scan *sc, size_t open, size_t close)
{
    for (size_t i = open + 1; i + 1 < close;) {
        if (ipp_punct(sc, i, "([{")) {
            i = ipp_match(sc, i, close - 1);
            continue;
        }
        if (ipp_is(sc, i, "="))
            return 1;
        i++;
    }
    return 0;
}

int ipp_arity(const struct ipp_scan *sc, size_t open, size_t close)
{
    size_t a = open + 1, b = close - 1;
    if (a >= b || (b == a + 1 && ipp_is(sc, a, "void")))
        return 0;
    int n = 1, angle = 0;
    for (size_t i = a; i < b;) {
        if (ipp_punct(sc, i, "([{")) {
            i = ipp_match(sc, i, b);
            continue;
        }
        if (!ipp_angle(sc, i, &angle) && !angle && ipp_is(sc, i, ","))
            n++;
        i++;
    }
    return n;
}

int ipp_has_dir(const struct ipp_scan *sc, size_t from, size_t to, int kind)
{
    for (size_t k = 0; k < sc->ndir; k++) {
        const struct ipp_dir *d = &sc->dir[k];
        if (d->off >= from && d->off < to && (kind < 0 || d->kind == kind))
            return 1;
    }
    return 0;
}

size_t ipp_outside_ifs(const struct ipp_scan *sc, size_t off)
{
    size_t depth = 0, outer = off;
    for (size_t k = 0; k < sc->ndir && sc->dir[k].off < off; k++) {
        const struct ipp_dir *d = &sc->dir[k];
        if (d->kind == IPD_IF && depth++ == 0)
            outer = d->line_off;
        else if (d->kind == IPD_ENDIF && depth)
            depth--;
    }
    return depth ? outer : off;
}
