<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CrashDialog</name>
    <message numerus="yes">
        <source>%n more different error(s)</source>
        <translation>
            <numerusform>%n more different error</numerusform>
            <numerusform>%n more different errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n times)</source>
        <translation>
            <numerusform>(%n time)</numerusform>
            <numerusform>(%n times)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n row(s) of the answer could not be read and are not shown.</source>
        <translation>
            <numerusform>%n row of the answer could not be read and is not shown.</numerusform>
            <numerusform>%n rows of the answer could not be read and are not shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s)</source>
        <translation>
            <numerusform>%n invoice</numerusform>
            <numerusform>%n invoices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s) exported to %1.</source>
        <translation>
            <numerusform>%n invoice exported to %1.</numerusform>
            <numerusform>%n invoices exported to %1.</numerusform>
        </translation>
    </message>
</context>
</TS>
