#pragma once

// Hand-made audience rows for the activation sync tests: fake people (example.com e-mails,
// +1555 phones, "firstN"/"lastN" names) hashed as the normaliser would (SHA-256 lowercase hex;
// Google keeps Country and Zip in clear), in each platform's column order. The plain values are
// what the tests grep for in requests, files and logs.

#include <QCryptographicHash>
#include <QHash>
#include <QList>
#include <QString>

#include "domain/audience.h"

namespace testsupport {

using core::AudiencePlatform;
using core::AudienceRow;

inline QString sha(const QString& plain)
{
    return QString::fromLatin1(QCryptographicHash::hash(plain.toUtf8(), QCryptographicHash::Sha256).toHex());
}

// A fake person; `version` changes the phone (a changed row).
struct Person
{
    QString email, phone, first, last, city, state, zip, country, birthYear;
};

inline Person person(int i, int version = 0)
{
    return Person{QStringLiteral("person%1@example.com").arg(i),
                  QStringLiteral("+1555%1").arg(i * 7 + version * 3, 7, 10, QLatin1Char('0')),
                  QStringLiteral("first%1").arg(i),
                  QStringLiteral("last%1").arg(i),
                  QStringLiteral("springfield%1").arg(i % 50),
                  QStringLiteral("ca"),
                  QStringLiteral("9%1").arg(i % 10000, 4, 10, QLatin1Char('0')),
                  QStringLiteral("us"),
                  QString::number(1950 + i % 50)};
}

// Rows as the normaliser gives them: hashed values in the platform's column order (Google keeps
// Country upper-case and Zip in clear).
inline AudienceRow googleRow(int i, int version = 0)
{
    const Person p = person(i, version);
    return AudienceRow{QStringLiteral("u%1").arg(i),
                       {sha(p.email), sha(p.phone), sha(p.first), sha(p.last), p.country.toUpper(), p.zip}};
}

inline AudienceRow metaRow(int i, int version = 0)
{
    const Person p = person(i, version);
    return AudienceRow{QStringLiteral("u%1").arg(i),
                       {sha(p.email), sha(QString(p.phone).remove(QLatin1Char('+'))), sha(p.first), sha(p.last),
                        sha(p.city), sha(p.state), sha(p.zip), sha(p.country), sha(p.birthYear)}};
}

inline QList<AudienceRow> rows(AudiencePlatform platform, int from, int to, const QHash<int, int>& versions = {})
{
    QList<AudienceRow> out;
    out.reserve(to - from);
    for (int i = from; i < to; ++i)
        out.append(platform == AudiencePlatform::Google ? googleRow(i, versions.value(i)) : metaRow(i, versions.value(i)));
    return out;
}

} // namespace testsupport
