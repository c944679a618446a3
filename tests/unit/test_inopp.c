/* tests/unit/test_inopp.c - the .ino preprocessor (sim/inopp.c): Particle.h
 * include, prototype generation and #line mapping, checked on the output text;
 * and vdev_inopp_file's write-only-when-changed behaviour. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "inopp.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH "/abs/dir/app.ino"
#define INC "#include \"Particle.h\"\n"
#define L(n) "#line " #n " \"" PATH "\"\n"

static char *pp(const char *src)
{
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(vdev_inopp_run(PATH, src, strlen(src), &out, &len), 0);
    assert_non_null(out);
    assert_int_equal(strlen(out), len);
    return out;
}

static void expect_pp(const char *src, const char *expected)
{
    char *out = pp(src);
    assert_string_equal(out, expected);
    free(out);
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

/* Follows the #line directives through out: every line of src must be the
 * (last) output line that the directives number as that line. */
static void check_line_map(const char *src, const char *out)
{
    enum { MAXL = 256 };
    const char *map[MAXL] = { 0 };
    size_t maplen[MAXL] = { 0 };
    long cur = 0;
    for (const char *p = out; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        long v;
        if (sscanf(p, "#line %ld \"", &v) == 1) {
            assert_memory_equal(strchr(p, '"'), "\"" PATH "\"", strlen(PATH) + 2);
            cur = v;
        } else if (cur > 0) {
            assert_true(cur < MAXL);
            map[cur] = p;
            maplen[cur] = n;
            cur++;
        }
        p += n + (e != NULL);
    }
    long k = 1;
    for (const char *p = src; *p; k++) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (!map[k] || maplen[k] != n || memcmp(map[k], p, n) != 0)
            fail_msg("original line %ld (%.*s) not mapped", k, (int)n, p);
        p += n + (e != NULL);
    }
}

static void test_include_added(void **state)
{
    (void)state;
    expect_pp("int x;\n", INC L(1) "int x;\n");
    expect_pp("", INC L(1));
    /* commented out, in a string, or another header: still added */
    expect_pp("// #include \"Particle.h\"\n", INC L(1) "// #include \"Particle.h\"\n");
    expect_pp("/* #include <Particle.h> */\n",
              INC L(1) "/* #include <Particle.h> */\n");
    expect_pp("const char *s = \"#include \\\"Particle.h\\\"\";\n",
              INC L(1) "const char *s = \"#include \\\"Particle.h\\\"\";\n");
    expect_pp("#include \"ParticleX.h\"\n", INC L(1) "#include \"ParticleX.h\"\n");
}

static void test_include_present(void **state)
{
    (void)state;
    static const char *const srcs[] = {
        "#include \"Particle.h\"\nint x;\n",
        "#include <Particle.h>\nint x;\n",
        "#include \"application.h\"\nint x;\n",
        "#include <application.h>\nint x;\n",
        "   #include \"Particle.h\"\nint x;\n",
        "\t#  include   <application.h> // why not\nint x;\n",
        "#include <math.h>\n#include \"Particle.h\"\nint x;\n",
    };
    for (size_t i = 0; i < sizeof(srcs) / sizeof(srcs[0]); i++) {
        char *out = pp(srcs[i]);
        char want[256];
        snprintf(want, sizeof(want), L(1) "%s", srcs[i]);
        assert_string_equal(out, want);
        free(out);
    }
}

static void test_blink_after_setup(void **state)
{
    (void)state;
    const char *src =
        "void setup() {\n"
        "  blink();\n"
        "}\n"
        "\n"
        "void loop() {}\n"
        "\n"
        "void blink() {\n"
        "  digitalWrite(D7, HIGH);\n"
        "}\n";
    char *out = pp(src);
    assert_string_equal(out, INC L(1)
                        "void setup();\n"
                        "void loop();\n"
                        "void blink();\n"
                        L(1) "void setup() {\n"
                        "  blink();\n"
                        "}\n"
                        "\n"
                        "void loop() {}\n"
                        "\n"
                        "void blink() {\n"
                        "  digitalWrite(D7, HIGH);\n"
                        "}\n");
    check_line_map(src, out);
    free(out);
}

static void test_multiline_signatures(void **state)
{
    (void)state;
    expect_pp("#include \"Particle.h\"\n"
              "\n"
              "unsigned long\n"
              "compute(int a,\n"
              "        int b)   // sum\n"
              "{\n"
              "    return a + b;\n"
              "}\n"
              "static int\n"
              "helper (void)\n"
              "{ return compute(1, 2); }\n",
              L(1) "#include \"Particle.h\"\n"
              "\n"
              "unsigned long compute(int a, int b);\n"
              "static int helper (void);\n"
              L(3) "unsigned long\n"
              "compute(int a,\n"
              "        int b)   // sum\n"
              "{\n"
              "    return a + b;\n"
              "}\n"
              "static int\n"
              "helper (void)\n"
              "{ return compute(1, 2); }\n");
}

static void test_return_and_parameter_types(void **state)
{
    (void)state;
    const char *src =
        "const char *name(int i) { return \"n\"; }\n"
        "String& label() { static String s; return s; }\n"
        "static inline const char * tag ( ) { return \"t\"; }\n"
        "static int counter() { return 0; }\n"
        "std::vector<int> nums(const std::map<int, int> &m, int (&arr)[3]) "
        "{ return {}; }\n"
        "unsigned long long *const big(char buf[], void (*cb)(int, char *)) "
        "{ return 0; }\n"
        "auto twice(int v) -> decltype(v * 2) { return v * 2; }\n";
    char *out = pp(src);
    char want[2048];
    snprintf(want, sizeof(want), INC L(1)
             "const char *name(int i);\n"
             "String& label();\n"
             "static inline const char * tag ( );\n"
             "static int counter();\n"
             "std::vector<int> nums(const std::map<int, int> &m, int (&arr)[3]);\n"
             "unsigned long long *const big(char buf[], void (*cb)(int, char *));\n"
             "auto twice(int v) -> decltype(v * 2);\n"
             L(1) "%s", src);
    assert_string_equal(out, want);
    check_line_map(src, out);
    free(out);
}

static void test_after_struct_definition(void **state)
{
    (void)state;
    expect_pp("struct Point {\n"
              "    int x, y;\n"
              "};\n"
              "typedef struct { int r, g, b; } Color;\n"
              "\n"
              "Point origin() { Point p = {0, 0}; return p; }\n"
              "void paint(Point p, const Color &c) {}\n",
              INC L(1) "struct Point {\n"
              "    int x, y;\n"
              "};\n"
              "typedef struct { int r, g, b; } Color;\n"
              "\n"
              "Point origin();\n"
              "void paint(Point p, const Color &c);\n"
              L(6) "Point origin() { Point p = {0, 0}; return p; }\n"
              "void paint(Point p, const Color &c) {}\n");
}

static void test_existing_declarations(void **state)
{
    (void)state;
    expect_pp("void helper();\n"
              "static int twice(int);\n"
              "void setup() { helper(); twice(2); }\n"
              "void helper() {}\n"
              "static int twice(int v) { return 2 * v; }\n"
              "void helper(int a, int b) {}\n",
              INC L(1) "void helper();\n"
              "static int twice(int);\n"
              "void setup();\n"
              "void helper(int a, int b);\n"
              L(3) "void setup() { helper(); twice(2); }\n"
              "void helper() {}\n"
              "static int twice(int v) { return 2 * v; }\n"
              "void helper(int a, int b) {}\n");
}

static void test_skipped_definitions(void **state)
{
    (void)state;
    const char *src =
        "class Foo {\n"
        "public:\n"
        "    Foo() : v(0) {}\n"
        "    void bar() { v++; }\n"
        "    int baz(int x) const { return x + v; }\n"
        "    void qux();\n"
        "private:\n"
        "    int v;\n"
        "};\n"
        "void Foo::qux() { bar(); }\n"
        "Foo::Foo(int v) : v(v) {}\n"
        "template <typename T>\n"
        "T maxOf(T a, T b) { return a > b ? a : b; }\n"
        "void beep(int times = 3) {}\n"
        "auto square = [](int x) { return x * x; };\n"
        "int main() { return 0; }\n"
        "bool operator<(const Foo &a, const Foo &b) { return false; }\n"
        "namespace ns { void inner() {} }\n"
        "extern \"C\" { void cdef() {} }\n"
        "void setup() {}\n";
    char *out = pp(src);
    char want[2048];
    /* the prototypes go before the first definition, Foo::qux */
    snprintf(want, sizeof(want), INC L(1) "%.*s" "void setup();\n" L(10) "%s",
             (int)(strstr(src, "void Foo::qux") - src), src,
             strstr(src, "void Foo::qux"));
    assert_string_equal(out, want);
    assert_int_equal(count(out, "bar();"), 1);
    assert_int_equal(count(out, "maxOf(T a, T b);"), 0);
    assert_int_equal(count(out, "beep(int times = 3);"), 0);
    assert_int_equal(count(out, "main();"), 0);
    check_line_map(src, out);
    free(out);
}

static void test_blocks_that_are_no_functions(void **state)
{
    (void)state;
    const char *src =
        "int table[] = { 1, 2, 3 };\n"
        "int grid[2][2] {{1, 2}, {3, 4}};\n"
        "const char *names[] = { \"a{\", \"b}\" };\n"
        "struct S { int a; } s = { 1 };\n"
        "enum Color { RED, GREEN };\n"
        "union U { int i; float f; };\n"
        "void setup() {\n"
        "    if (table[0]) { beep(); }\n"
        "    for (int i = 0; i < 3; i++) { }\n"
        "    while (false) { }\n"
        "    switch (table[1]) { case 1: { break; } }\n"
        "    do { } while (0);\n"
        "    auto f = [](int x) { return x; };\n"
        "}\n";
    char *out = pp(src);
    char want[2048];
    snprintf(want, sizeof(want), INC L(1) "%.*s" "void setup();\n" L(7) "%s",
             (int)(strstr(src, "void setup") - src), src, strstr(src, "void setup"));
    assert_string_equal(out, want);
    free(out);
}

static void test_comments_strings_macros(void **state)
{
    (void)state;
    const char *src =
        "/* void fake1() { */\n"
        "// void fake2() { \\\n"
        "   void fake3() {\n"
        "const char *s = \"void fake4() { {\";\n"
        "char c = '{';\n"
        "char q = '\\'';\n"
        "const char *e = \"esc \\\" { void fake5() {\";\n"
        "const char *r = R\"x(void fake6() { )\" })x\";\n"
        "#define BLOCK(x) do { \\\n"
        "    x; \\\n"
        "} while (0)\n"
        "#define FAKE7() void fake7() {\n"
        "void real() { BLOCK(c++); /* } */ }\n"
        "void other() { } // }\n";
    char *out = pp(src);
    char want[2048];
    snprintf(want, sizeof(want), INC L(1) "%.*s" "void real();\nvoid other();\n"
             L(13) "%s", (int)(strstr(src, "void real") - src), src,
             strstr(src, "void real"));
    assert_string_equal(out, want);
    assert_int_equal(count(out, "fake"), 7);
    check_line_map(src, out);
    free(out);
}

static void test_line_directives(void **state)
{
    (void)state;
    const char *src =
        "// line 1\n"
        "#include <math.h>\n"
        "\n"
        "int counter = 0;   /* line 4\n"
        "   still a comment */\n"
        "void setup() {\n"      /* line 6 */
        "  helper(1);\n"
        "}\n"
        "void loop() {}\n"
        "int helper(int v)\n"   /* line 10 */
        "{\n"
        "  return v;\n"
        "}\n";
    char *out = pp(src);
    assert_string_equal(out, INC L(1) "// line 1\n"
                        "#include <math.h>\n"
                        "\n"
                        "int counter = 0;   /* line 4\n"
                        "   still a comment */\n"
                        "void setup();\n"
                        "void loop();\n"
                        "int helper(int v);\n"
                        L(6) "void setup() {\n"
                        "  helper(1);\n"
                        "}\n"
                        "void loop() {}\n"
                        "int helper(int v)\n"
                        "{\n"
                        "  return v;\n"
                        "}\n");
    check_line_map(src, out);
    free(out);

    /* a definition sharing its line with a struct: the line is split and
     * the rest padded back to its column */
    expect_pp("struct A { int v; }; void f(A a) {}\n"
              "\tint b; void g() {}\n",
              INC L(1) "struct A { int v; }; \n"
              "void f(A a);\n"
              "void g();\n"
              L(1) "                     void f(A a) {}\n"
              "\tint b; void g() {}\n");
}

static void test_paths(void **state)
{
    (void)state;
    char *out = NULL;
    size_t len;
    const char *src = "void f() {}\n";
    assert_int_equal(vdev_inopp_run("/tmp/we\"ird\\dir/app.ino", src,
                                    strlen(src), &out, &len), 0);
    assert_string_equal(out, INC "#line 1 \"/tmp/we\\\"ird\\\\dir/app.ino\"\n"
                        "void f();\n"
                        "#line 1 \"/tmp/we\\\"ird\\\\dir/app.ino\"\n"
                        "void f() {}\n");
    free(out);

    char *cwd = getcwd(NULL, 0), want[4096];
    assert_non_null(cwd);
    assert_int_equal(vdev_inopp_run("./rel/app.ino", "", 0, &out, &len), 0);
    snprintf(want, sizeof(want), INC "#line 1 \"%s%srel/app.ino\"\n", cwd,
             strcmp(cwd, "/") ? "/" : "");
    assert_string_equal(out, want);
    free(out);
    free(cwd);
}

static void test_early_use_and_late_types(void **state)
{
    (void)state;
    /* a function named before the first definition gets its prototype
     * before that statement */
    expect_pp("#include \"Particle.h\"\n"
              "Timer timer(1000, tick);\n"
              "void setup() { timer.start(); }\n"
              "void tick() {}\n",
              L(1) "#include \"Particle.h\"\n"
              "void tick();\n"
              L(2) "Timer timer(1000, tick);\n"
              "void setup();\n"
              L(3) "void setup() { timer.start(); }\n"
              "void tick() {}\n");
    /* types and macros the file declares only after the insertion point */
    expect_pp("void setup() {}\n"
              "struct Late { int v; };\n"
              "#define LEN 4\n"
              "void useLate(Late l) {}\n"
              "void useLen(int (&a)[LEN]) {}\n"
              "void fine(int v) {}\n",
              INC L(1) "void setup();\n"
              "void fine(int v);\n"
              L(1) "void setup() {}\n"
              "struct Late { int v; };\n"
              "#define LEN 4\n"
              "void useLate(Late l) {}\n"
              "void useLen(int (&a)[LEN]) {}\n"
              "void fine(int v) {}\n");
}

static void test_conditional_and_linkage(void **state)
{
    (void)state;
    /* the first definition sits in #if: prototypes go above the #if */
    expect_pp("#include \"Particle.h\"\n"
              "#if PLATFORM_ID == 6\n"
              "void photonOnly() {}\n"
              "#endif\n"
              "void setup() { later(); }\n"
              "void later() {}\n",
              L(1) "#include \"Particle.h\"\n"
              "void photonOnly();\n"
              "void setup();\n"
              "void later();\n"
              L(2) "#if PLATFORM_ID == 6\n"
              "void photonOnly() {}\n"
              "#endif\n"
              "void setup() { later(); }\n"
              "void later() {}\n");
    expect_pp("extern \"C\" void cfun(int a) {}\n"
              "SYSTEM_THREAD(ENABLED)\n"
              "void setup() {}\n",
              INC L(1) "extern \"C\" void cfun(int a);\n"
              "void setup();\n"
              L(1) "extern \"C\" void cfun(int a) {}\n"
              "SYSTEM_THREAD(ENABLED)\n"
              "void setup() {}\n");
}

static void test_bom_and_args(void **state)
{
    (void)state;
    expect_pp("\xEF\xBB\xBFvoid f() {}\n", INC L(1) "void f();\n" L(1) "void f() {}\n");
    char *out = (char *)1;
    size_t len;
    assert_int_equal(vdev_inopp_run(NULL, "", 0, &out, &len), -EINVAL);
    assert_int_equal(vdev_inopp_run(PATH, NULL, 0, &out, &len), -EINVAL);
    assert_int_equal(vdev_inopp_run(PATH, "", 0, NULL, &len), -EINVAL);
    assert_int_equal(vdev_inopp_run(PATH, "", 0, &out, NULL), -EINVAL);
    assert_int_equal(vdev_inopp_file(NULL, "/tmp/x"), -EINVAL);
    assert_int_equal(vdev_inopp_file("/nonexistent/dir/app.ino", "/tmp/x"),
                     -ENOENT);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static void test_file_rewritten_only_on_change(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_inopp.XXXXXX", in[64], out[64], want[512];
    assert_non_null(mkdtemp(dir));
    snprintf(in, sizeof(in), "%s/app.ino", dir);
    snprintf(out, sizeof(out), "%s/app.cpp", dir);
    write_text(in, "void setup() { go(); }\nvoid go() {}\n");

    assert_int_equal(vdev_inopp_file(in, out), 0);
    snprintf(want, sizeof(want), INC "#line 1 \"%s\"\nvoid setup();\nvoid go();\n"
             "#line 1 \"%s\"\nvoid setup() { go(); }\nvoid go() {}\n", in, in);
    assert_string_equal(read_text(out), want);

    /* same input: the output file must stay untouched */
    struct stat a, b;
    struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
    assert_int_equal(utimensat(AT_FDCWD, out, old, 0), 0);
    assert_int_equal(stat(out, &a), 0);
    assert_int_equal(vdev_inopp_file(in, out), 0);
    assert_int_equal(stat(out, &b), 0);
    assert_int_equal(b.st_ino, a.st_ino);
    assert_int_equal(b.st_mtime, 1000000000);
    assert_string_equal(read_text(out), want);

    /* changed input: replaced through a rename, no temp file left over */
    write_text(in, "void loop() {}\n");
    assert_int_equal(vdev_inopp_file(in, out), 0);
    assert_int_equal(stat(out, &b), 0);
    assert_true(b.st_mtime != 1000000000);
    snprintf(want, sizeof(want), INC "#line 1 \"%s\"\nvoid loop();\n"
             "#line 1 \"%s\"\nvoid loop() {}\n", in, in);
    assert_string_equal(read_text(out), want);

    char cmd[128];
    snprintf(cmd, sizeof(cmd), "test \"$(ls %s | wc -l)\" = 2", dir);
    assert_int_equal(system(cmd), 0);
    unlink(in);
    unlink(out);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_include_added),
        cmocka_unit_test(test_include_present),
        cmocka_unit_test(test_blink_after_setup),
        cmocka_unit_test(test_multiline_signatures),
        cmocka_unit_test(test_return_and_parameter_types),
        cmocka_unit_test(test_after_struct_definition),
        cmocka_unit_test(test_existing_declarations),
        cmocka_unit_test(test_skipped_definitions),
        cmocka_unit_test(test_blocks_that_are_no_functions),
        cmocka_unit_test(test_comments_strings_macros),
        cmocka_unit_test(test_line_directives),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_early_use_and_late_types),
        cmocka_unit_test(test_conditional_and_linkage),
        cmocka_unit_test(test_bom_and_args),
        cmocka_unit_test(test_file_rewritten_only_on_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
