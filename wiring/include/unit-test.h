// vdev wiring: unit-test.h, the on-device test framework of Particle Device
// OS 1.4 (an ArduinoUnit port), written from its documented behaviour so that
// Device OS-style test apps compile unchanged and print the same lines.
// Header-only (no library source is needed).
//
//   #include "unit-test.h"
//   UNIT_TEST_APP();                 // defines setup() and loop()
//   test(adds)      { assertEqual(1 + 1, 2); }           // body runs once
//   testing(polls)  { if (ready()) pass(); }             // body runs each step
//
// Running: setup() does Serial.begin(9600). The run starts when the character
// 't' arrives on Serial (other characters are read and ignored while no run is
// in progress; Serial is left alone while a run is in progress, so tests may
// read it). Tests run in name order (strcmp), one test step per loop(). At the
// end the summary line is printed and nothing more runs; another 't' then starts
// a fresh run (every test back to its initial state, counters reset).
// Device OS can also start a run through a cloud function `cmd` ("start");
// vdev's simulated cloud never calls functions, so `cmd` is not registered.
//
// Output, one Serial.println() line each ("\r\n"):
//   Test <name> passed.   |   Test <name> failed.   |   Test <name> skipped.
//   Test summary: P passed, F failed, and S skipped, out of N test(s).
// A failed assertion prints, before the test's "failed." line:
//   Assertion failed: (<lhs text>=<lhs value>) <op> (<rhs text>=<rhs value>), file <__FILE__>, line <L>.
// with <op> one of == != < > <= >=. assertTrue(x)/assertFalse(x) print
//   Assertion failed: (<x text>=false) == (true=true), file F, line L.
//   Assertion failed: (<x text>=true) == (false=false), file F, line L.
// Values print as Print prints them (integers in decimal, char as the
// character, floating point with 2 decimals, strings as their text), except
// bool, which prints as true/false; a null string prints as (null), a
// non-char pointer as 0x<hex>, nullptr as nullptr.
//
// Comparisons: two strings (String, const char*, char arrays, in any mix)
// compare their text with strcmp; two integers (any width/signedness, bool,
// char, enums) compare their mathematical values (no sign-conversion
// surprises); anything else uses the type's own operator.
//
// An assertion failure marks the running test failed and returns from the
// enclosing function (the test body). fail() always marks the test failed;
// pass() and skip() take effect only while the test is still unresolved. A
// testing() test runs until it calls pass(), fail() or skip() (or an assertion
// fails); a test() test passes when its body returns unresolved.
//
// Test::include(pattern) / Test::exclude(pattern) select tests by name with
// '*' and '?' globs; the rules apply in call order (the last matching rule
// wins, tests are included by default) and are checked when a test is reached.
// An excluded test is reported as "Test <name> skipped." and counts as skipped.
#ifndef VDEV_UNIT_TEST_H
#define VDEV_UNIT_TEST_H

#include "Particle.h"

#include <bitset> // std::bitset::test() must be declared before test() becomes a macro
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>
#include <vector>

namespace unit_test_detail {

// --- value categories --------------------------------------------------------
enum Kind { K_STR, K_BOOL, K_INT, K_FLT, K_PTR, K_NULL, K_OTHER };

template <typename T>
struct KindOf {
    typedef typename std::decay<T>::type D;
    static const Kind value =
        (std::is_same<D, char*>::value || std::is_same<D, const char*>::value || std::is_base_of<String, D>::value)
            ? K_STR
        : std::is_same<D, bool>::value                              ? K_BOOL
        : (std::is_integral<D>::value || std::is_enum<D>::value)    ? K_INT
        : std::is_floating_point<D>::value                          ? K_FLT
        : std::is_same<D, std::nullptr_t>::value                    ? K_NULL
        : std::is_pointer<D>::value                                 ? K_PTR
                                                                    : K_OTHER;
};

template <Kind K>
struct KindTag {};

// integer representation of an integral or enum type
template <typename T, bool IsEnum = std::is_enum<T>::value>
struct IntRep {
    typedef T type;
};
template <typename T>
struct IntRep<T, true> {
    typedef typename std::underlying_type<T>::type type;
};

template <typename I>
inline bool isNeg(I v, std::true_type) { return v < 0; }
template <typename I>
inline bool isNeg(I, std::false_type) { return false; }

// three-way compare of two integers by mathematical value
template <typename A, typename B>
inline int cmpInt(const A& a, const B& b)
{
    typedef typename IntRep<A>::type IA;
    typedef typename IntRep<B>::type IB;
    const IA ia = static_cast<IA>(a);
    const IB ib = static_cast<IB>(b);
    const bool na = isNeg(ia, std::integral_constant<bool, std::is_signed<IA>::value>());
    const bool nb = isNeg(ib, std::integral_constant<bool, std::is_signed<IB>::value>());
    if (na != nb) {
        return na ? -1 : 1;
    }
    if (na) {
        const long long x = static_cast<long long>(ia), y = static_cast<long long>(ib);
        return (x > y) - (x < y);
    }
    const unsigned long long x = static_cast<unsigned long long>(ia), y = static_cast<unsigned long long>(ib);
    return (x > y) - (x < y);
}

inline const char* cstr(const char* s) { return s; }
inline const char* cstr(const String& s) { return s.c_str(); }

// three-way compare of two strings' text; a null string sorts first
inline int cmpStr(const char* a, const char* b)
{
    if (!a || !b) {
        return (a != nullptr) - (b != nullptr);
    }
    const int c = std::strcmp(a, b);
    return (c > 0) - (c < 0);
}

// --- operators -----------------------------------------------------------------
#define UNIT_TEST_DEFINE_OP_(NAME, OP)                                           \
    struct NAME {                                                                \
        static const char* text() { return #OP; }                                \
        static bool fromCmp(int c) { return c OP 0; }                            \
        template <typename A, typename B>                                        \
        static bool raw(const A& a, const B& b) { return a OP b; }               \
    };
UNIT_TEST_DEFINE_OP_(OpEq, ==)
UNIT_TEST_DEFINE_OP_(OpNe, !=)
UNIT_TEST_DEFINE_OP_(OpLt, <)
UNIT_TEST_DEFINE_OP_(OpGt, >)
UNIT_TEST_DEFINE_OP_(OpLe, <=)
UNIT_TEST_DEFINE_OP_(OpGe, >=)
#undef UNIT_TEST_DEFINE_OP_

template <typename Op, typename A, typename B>
inline bool evalInt(const A& a, const B& b, std::true_type)
{
    return Op::fromCmp(cmpInt(a, b));
}
template <typename Op, typename A, typename B>
inline bool evalInt(const A& a, const B& b, std::false_type)
{
    return Op::raw(a, b);
}

template <typename Op, typename A, typename B>
inline bool evalOp(const A& a, const B& b, KindTag<K_STR>, KindTag<K_STR>)
{
    return Op::fromCmp(cmpStr(cstr(a), cstr(b)));
}
template <typename Op, typename A, typename B, Kind KA, Kind KB>
inline bool evalOp(const A& a, const B& b, KindTag<KA>, KindTag<KB>)
{
    // two integers compare by value; anything else with its own operator
    return evalInt<Op>(a, b, std::integral_constant<bool, (KA == K_INT || KA == K_BOOL) && (KB == K_INT || KB == K_BOOL)>());
}

// --- value printing --------------------------------------------------------------
template <typename T>
inline void printValue(Print& out, const T& v, KindTag<K_STR>)
{
    const char* s = cstr(v);
    out.print(s ? s : "(null)");
}
template <typename T>
inline void printValue(Print& out, const T& v, KindTag<K_BOOL>) { out.print(v ? "true" : "false"); }
template <typename T>
inline void printValue(Print& out, const T& v, KindTag<K_INT>) { out.print(v); }
template <typename T>
inline void printValue(Print& out, const T& v, KindTag<K_FLT>) { out.print(static_cast<double>(v)); }
template <typename T>
inline void printValue(Print& out, const T& v, KindTag<K_PTR>)
{
    out.print("0x");
    out.print(reinterpret_cast<uintptr_t>(static_cast<const volatile void*>(v)), HEX);
}
template <typename T>
inline void printValue(Print& out, const T&, KindTag<K_NULL>) { out.print("nullptr"); }
template <typename T>
inline void printValue(Print& out, const T& v, KindTag<K_OTHER>) { out.print(v); }

// Collects one output line so that it reaches Serial in a single println().
class LineBuffer : public Print {
public:
    String text;
    size_t write(uint8_t c) override
    {
        text += static_cast<char>(c);
        return 1;
    }
    using Print::write;
};

// '*' matches any run of characters, '?' any one character.
inline bool globMatch(const char* pat, const char* s)
{
    const char* star = nullptr;
    const char* resume = nullptr;
    while (*s) {
        if (*pat == '*') {
            star = pat++;
            resume = s;
        } else if (*pat == '?' || *pat == *s) {
            ++pat;
            ++s;
        } else if (star) {
            pat = star + 1;
            s = ++resume;
        } else {
            return false;
        }
    }
    while (*pat == '*') {
        ++pat;
    }
    return *pat == 0;
}

} // namespace unit_test_detail

class Test;

namespace unit_test_detail {

// Run-wide state (a class template so its static members need no out-of-line
// definition in a header-only library).
template <typename Unused = void>
struct TestStatics {
    static Test* root;      // registered tests, sorted by name
    static Test* cursor;    // the test being run
    static Test* active;    // the test whose body is executing (assertions mark it)
    static bool running;    // a run is in progress
    static bool finished;   // a run has completed (summary printed)
    static unsigned int passed, failed, skipped, count;
};
template <typename U> Test* TestStatics<U>::root = nullptr;
template <typename U> Test* TestStatics<U>::cursor = nullptr;
template <typename U> Test* TestStatics<U>::active = nullptr;
template <typename U> bool TestStatics<U>::running = false;
template <typename U> bool TestStatics<U>::finished = false;
template <typename U> unsigned int TestStatics<U>::passed = 0;
template <typename U> unsigned int TestStatics<U>::failed = 0;
template <typename U> unsigned int TestStatics<U>::skipped = 0;
template <typename U> unsigned int TestStatics<U>::count = 0;

// include/exclude rules, in call order (second: true = include)
inline std::vector<std::pair<String, bool>>& filterRules()
{
    static std::vector<std::pair<String, bool>> rules;
    return rules;
}

} // namespace unit_test_detail

// A test. test()/testing() define subclasses; a hand-written subclass may
// override setup() (called on the test's first step) and loop() (called on
// every step until the test resolves).
class Test : public unit_test_detail::TestStatics<> {
public:
    enum State : uint8_t { UNSETUP, LOOPING, DONE_SKIP, DONE_PASS, DONE_FAIL };

    explicit Test(const char* name) : name_(name ? name : ""), next_(nullptr), state(UNSETUP)
    {
        Test** p = &root;
        while (*p && std::strcmp((*p)->name_, name_) <= 0) {
            p = &(*p)->next_;
        }
        next_ = *p;
        *p = this;
    }
    virtual ~Test()
    {
        for (Test** p = &root; *p; p = &(*p)->next_) {
            if (*p == this) {
                *p = next_;
                break;
            }
        }
        if (cursor == this) {
            cursor = next_;
        }
        if (active == this) {
            active = nullptr;
        }
    }
    Test(const Test&) = delete;
    Test& operator=(const Test&) = delete;

    virtual void setup() {}
    virtual void loop() = 0;

    void pass() { resolve(DONE_PASS); }
    void skip() { resolve(DONE_SKIP); }
    void fail() { state = DONE_FAIL; }

    const char* getName() const { return name_; }
    State getState() const { return static_cast<State>(state); }

    // Include/exclude tests by name ('*' and '?' globs); see the file comment.
    static void include(const char* pattern) { addRule(pattern, true); }
    static void exclude(const char* pattern) { addRule(pattern, false); }

    // Starts a run (resetting every test and the counters) unless one is
    // already in progress; returns whether a new run started.
    static bool start()
    {
        if (running) {
            return false;
        }
        passed = failed = skipped = count = 0;
        for (Test* t = root; t; t = t->next_) {
            t->state = UNSETUP;
            ++count;
        }
        cursor = root;
        active = nullptr;
        running = true;
        finished = false;
        return true;
    }
    static bool isRunning() { return running; }
    static bool isFinished() { return finished; }

    // One step of the current test; prints the summary after the last test.
    static void run()
    {
        if (!running) {
            return;
        }
        Test* t = cursor;
        if (t) {
            if (t->state == UNSETUP) {
                if (isExcluded(t->name_)) {
                    t->state = DONE_SKIP;
                } else {
                    active = t;
                    t->setup();
                    active = nullptr;
                    if (t->state == UNSETUP) {
                        t->state = LOOPING;
                    }
                }
            }
            if (t->state == LOOPING) {
                active = t;
                t->loop();
                active = nullptr;
            }
            if (t->state >= DONE_SKIP) {
                report(t);
                cursor = t->next_;
            }
        }
        if (!cursor) {
            unit_test_detail::LineBuffer line;
            line.print("Test summary: ");
            line.print(passed);
            line.print(" passed, ");
            line.print(failed);
            line.print(" failed, and ");
            line.print(skipped);
            line.print(" skipped, out of ");
            line.print(count);
            line.print(" test(s).");
            Serial.println(line.text);
            running = false;
            finished = true;
        }
    }

    // Used by the assert macros: checks `lhs op rhs`, and on failure prints
    // the assertion line and marks the running test failed.
    template <typename Op, typename A, typename B>
    static bool assertion(const char* file, int line, const char* lhsText, const A& lhs, const char* rhsText,
                          const B& rhs)
    {
        using namespace unit_test_detail;
        typedef KindTag<KindOf<A>::value> TA;
        typedef KindTag<KindOf<B>::value> TB;
        if (evalOp<Op>(lhs, rhs, TA(), TB())) {
            return true;
        }
        LineBuffer out;
        out.print("Assertion failed: (");
        out.print(lhsText);
        out.print('=');
        printValue(out, lhs, TA());
        out.print(") ");
        out.print(Op::text());
        out.print(" (");
        out.print(rhsText);
        out.print('=');
        printValue(out, rhs, TB());
        out.print("), file ");
        out.print(file);
        out.print(", line ");
        out.print(line);
        out.print('.');
        Serial.println(out.text);
        if (active) {
            active->fail();
        }
        return false;
    }

    // assertTrue/assertFalse: `value` is the expression converted to bool.
    static bool assertionBool(const char* file, int line, const char* text, bool value, bool expected)
    {
        return assertion<unit_test_detail::OpEq>(file, line, text, value, expected ? "true" : "false", expected);
    }

private:
    const char* name_;
    Test* next_;

public:
    uint8_t state; // a State

private:
    void resolve(State s)
    {
        if (state == UNSETUP || state == LOOPING) {
            state = s;
        }
    }

    static void addRule(const char* pattern, bool include)
    {
        unit_test_detail::filterRules().push_back(std::make_pair(String(pattern ? pattern : ""), include));
    }

    static bool isExcluded(const char* name)
    {
        bool excluded = false;
        for (const auto& rule : unit_test_detail::filterRules()) {
            if (unit_test_detail::globMatch(rule.first.c_str() ? rule.first.c_str() : "", name)) {
                excluded = !rule.second;
            }
        }
        return excluded;
    }

    static void report(Test* t)
    {
        const char* verdict;
        if (t->state == DONE_PASS) {
            ++passed;
            verdict = " passed.";
        } else if (t->state == DONE_FAIL) {
            ++failed;
            verdict = " failed.";
        } else {
            ++skipped;
            verdict = " skipped.";
        }
        unit_test_detail::LineBuffer line;
        line.print("Test ");
        line.print(t->name_);
        line.print(verdict);
        Serial.println(line.text);
    }
};

// Base of test(): the body runs once; the test passes unless it resolved.
class TestOnce : public Test {
public:
    explicit TestOnce(const char* name) : Test(name) {}
    void loop() override
    {
        once();
        pass();
    }
    virtual void once() = 0;
};

// --- test definitions --------------------------------------------------------------
#define test(name)                                                   \
    namespace {                                                      \
    struct test_##name : public ::TestOnce {                         \
        test_##name() : ::TestOnce(#name) {}                         \
        void once() override;                                        \
    } test_##name##_instance;                                        \
    }                                                                \
    void test_##name::once()

#define testing(name)                                                \
    namespace {                                                      \
    struct test_##name : public ::Test {                             \
        test_##name() : ::Test(#name) {}                             \
        void loop() override;                                        \
    } test_##name##_instance;                                        \
    }                                                                \
    void test_##name::loop()

// --- assertions (each returns from the enclosing function on failure) -----------------
#define UNIT_TEST_ASSERT_OP_(lhsText, lhs, Op, rhsText, rhs)                                                \
    do {                                                                                                   \
        if (!::Test::assertion< ::unit_test_detail::Op>(__FILE__, __LINE__, lhsText, lhs, rhsText, rhs)) { \
            return;                                                                                        \
        }                                                                                                  \
    } while (0)

#define assertEqual(a, b) UNIT_TEST_ASSERT_OP_(#a, (a), OpEq, #b, (b))
#define assertNotEqual(a, b) UNIT_TEST_ASSERT_OP_(#a, (a), OpNe, #b, (b))
#define assertLess(a, b) UNIT_TEST_ASSERT_OP_(#a, (a), OpLt, #b, (b))
#define assertMore(a, b) UNIT_TEST_ASSERT_OP_(#a, (a), OpGt, #b, (b))
#define assertLessOrEqual(a, b) UNIT_TEST_ASSERT_OP_(#a, (a), OpLe, #b, (b))
#define assertMoreOrEqual(a, b) UNIT_TEST_ASSERT_OP_(#a, (a), OpGe, #b, (b))

#define assertTrue(x)                                                                       \
    do {                                                                                    \
        if (!::Test::assertionBool(__FILE__, __LINE__, #x, static_cast<bool>(x), true)) {  \
            return;                                                                         \
        }                                                                                   \
    } while (0)
#define assertFalse(x)                                                                      \
    do {                                                                                    \
        if (!::Test::assertionBool(__FILE__, __LINE__, #x, static_cast<bool>(x), false)) { \
            return;                                                                         \
        }                                                                                   \
    } while (0)

// --- the test app -----------------------------------------------------------------------
inline void unit_test_setup()
{
    Serial.begin(9600);
    // Device OS also registers a cloud function `cmd` ("start" starts a run);
    // vdev's simulated cloud never calls functions (docs/lifecycle.md).
}

inline void unit_test_loop()
{
    if (!Test::isRunning()) {
        while (Serial.available() > 0) {
            if (Serial.read() == 't') {
                Test::start();
                break;
            }
        }
        return;
    }
    Test::run();
}

#define UNIT_TEST_SETUP() \
    void setup() { unit_test_setup(); }
#define UNIT_TEST_LOOP() \
    void loop() { unit_test_loop(); }
#define UNIT_TEST_APP() \
    UNIT_TEST_SETUP()   \
    UNIT_TEST_LOOP()

#endif // VDEV_UNIT_TEST_H
