// main() for core tests: a QCoreApplication so queued signals, futures and timers work.
#include <gtest/gtest.h>

#include <QCoreApplication>

#include "logging/logging.h"

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    core::logging::initialize(QString());
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
