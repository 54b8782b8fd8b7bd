// main() for the UI tests: a QApplication (offscreen platform set by ctest) so widgets,
// queued signals, futures and timers work.
#include <gtest/gtest.h>

#include "support/gtest_qt.h"

#include <QApplication>

#include "logging/logging.h"

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    core::logging::initialize(QString());
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::UnitTest::GetInstance()->listeners().Append(new testsupport::QtCheckListener);
    return RUN_ALL_TESTS();
}
