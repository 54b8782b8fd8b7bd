// main() for core tests: a QCoreApplication so queued signals, futures and timers work.
#include <gtest/gtest.h>

#include "support/gtest_qt.h"

#include <QCoreApplication>

#include "logging/logging.h"

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    core::logging::initialize(QString());
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::UnitTest::GetInstance()->listeners().Append(new testsupport::QtCheckListener);
    return RUN_ALL_TESTS();
}
