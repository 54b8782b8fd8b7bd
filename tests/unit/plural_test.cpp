#include "common/plural.h"

#include <gtest/gtest.h>

#include <QLocale>

namespace {

class PluralTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_saved = QLocale();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    void TearDown() override { QLocale::setDefault(m_saved); }
    QLocale m_saved;
};

TEST_F(PluralTest, OneIsSingularEveryOtherCountPlural)
{
    EXPECT_EQ(core::countOf(1, QStringLiteral("segment"), QStringLiteral("segments")), QStringLiteral("1 segment"));
    EXPECT_EQ(core::countOf(0, QStringLiteral("segment"), QStringLiteral("segments")), QStringLiteral("0 segments"));
    EXPECT_EQ(core::countOf(5, QStringLiteral("segment"), QStringLiteral("segments")), QStringLiteral("5 segments"));
    EXPECT_EQ(core::countOf(1345, QStringLiteral("day"), QStringLiteral("days")), QStringLiteral("1,345 days"));
}

TEST_F(PluralTest, TheNumberIsGroupedAsTheLocaleDoes)
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    EXPECT_EQ(core::countOf(12000, QStringLiteral("Segment"), QStringLiteral("Segmente")),
              QStringLiteral("12.000 Segmente"));
}

} // namespace
