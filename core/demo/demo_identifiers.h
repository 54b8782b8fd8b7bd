#pragma once

#include <QDate>
#include <QList>
#include <QString>

#include "domain/catalogue.h"
#include "domain/customer_identifiers.h"

namespace core {

// Who a demo person is, as the events know them.
struct DemoPerson
{
    QString userId;
    QString ageBucket; // "25-34", "65+"
    QString gender;    // "female", "male", "unknown"
    QString country;   // ISO alpha-2
    QString region;    // ISO 3166-2 of the catalogue, or empty
};

// The demo workspace's synthetic customer identifiers, deterministic from a seed: about nine in
// ten people get a row, with names of their country, e-mails at example.com / example.org only,
// phones only from the numbers reserved for fiction (US and Canada 555-0100–0199, UK 07700
// 900000–900999, Australia 5550 xxxx), a city and postal code of the person's region where the
// demo knows one, a birth date within the person's age bucket, some fields missing, and a few
// values an ad platform would refuse (e-mails without a domain, phones too short, a national
// phone without a country) so a pre-flight has something to drop. No real person's data.
class DemoIdentifiers
{
public:
    // endDate: the demo's last day (ages are counted to it).
    static QList<CustomerIdentifiers> generate(quint64 seed, QDate endDate, const QList<DemoPerson>& people,
                                               const Catalogue& catalogue);
};

} // namespace core
