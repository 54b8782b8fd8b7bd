#pragma once

#include <QLocale>
#include <QString>

namespace core {

// Amounts of money written with their currency, the same way in the window, segctl and reports:
// the locale's currency pattern (QLocale::toCurrencyString) with the currency's symbol where one
// is unambiguous enough to read ($, €, £, ¥, ₹, ...), else its ISO 4217 code ("CHF 12.50").
// An empty currency writes the plain number with two decimals.
class Money
{
public:
    // "€1,234.50" in an English locale, "1.234,50 €" in a German one; decimals: 2 unless given.
    static QString format(double amount, const QString& currency, const QLocale& locale = QLocale(),
                          int decimals = 2);
    // "$", "€", "£", "¥", "₹", "₩", "₺", "₽", "R$", "A$", "C$", "kr" ...; the code itself otherwise.
    static QString symbol(const QString& currency);
};

} // namespace core
