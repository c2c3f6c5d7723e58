<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
    <context>
        <name>Menu</name>
        <message>
            <source>&amp;Quit focusmate</source>
            <extracomment>The set or visibility of actions changed (menus and windows rebuild).</extracomment>
            <translation>focusmate &amp;beenden</translation>
        </message>
    </context>
</TS>
