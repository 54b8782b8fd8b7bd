#pragma once

// Waiting assertions for GoogleTest tests of Qt code. QTest's QTRY_*/QVERIFY/QCOMPARE must not
// be used here: outside QTest::qExec their failures only return from the function and never
// fail the GoogleTest test (the main()s of the Qt test executables also fail the run if one
// slips in: see QtCheckListener). These spin the event loop until the condition holds or the
// timeout passes, then assert with GoogleTest, so a timeout is a failure with the expression.

#include <gtest/gtest.h>

#include <QTest>

#define TRY_VERIFY_WITH_TIMEOUT(expr, timeoutMs)                                                             \
    do {                                                                                                     \
        const bool sbHeld_ = QTest::qWaitFor([&]() { return static_cast<bool>(expr); }, (timeoutMs));        \
        ASSERT_TRUE(sbHeld_) << "still false after " << (timeoutMs) << " ms: " #expr;                        \
    } while (false)

#define TRY_VERIFY(expr) TRY_VERIFY_WITH_TIMEOUT(expr, 5000)

#define TRY_COMPARE_WITH_TIMEOUT(actual, expected, timeoutMs)                                                \
    do {                                                                                                     \
        [[maybe_unused]] const bool sbEqual_ =                                                               \
            QTest::qWaitFor([&]() { return (actual) == (expected); }, (timeoutMs));                          \
        ASSERT_EQ((actual), (expected)) << "after waiting " << (timeoutMs) << " ms";                         \
    } while (false)

#define TRY_COMPARE(actual, expected) TRY_COMPARE_WITH_TIMEOUT(actual, expected, 5000)

namespace testsupport {

// Fails the test during which a stray QTest check (QVERIFY, QCOMPARE, QTRY_*) failed.
class QtCheckListener final : public ::testing::EmptyTestEventListener
{
public:
    void OnTestEnd(const ::testing::TestInfo& info) override
    {
        if (m_reported || !QTest::currentTestFailed())
            return;
        m_reported = true; // QTest's flag cannot be reset: report the first test only
        ADD_FAILURE() << "a QTest check (QVERIFY/QCOMPARE/QTRY_*) failed in " << info.test_suite_name() << "."
                      << info.name() << "; use the TRY_* macros of support/gtest_qt.h";
    }

private:
    bool m_reported = false;
};

} // namespace testsupport
