<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
    <context>
        <name>Calendar</name>
        <message>
            <source>One-on-one with {name} now</source>
            <translation>Einzelgespräch mit {name} jetzt</translation>
        </message>
        <message>
            <source>One-on-one with {name} in {n} minute</source>
            <translation>Einzelgespräch mit {name} in {n} Minute</translation>
        </message>
        <message>
            <source>One-on-one with {name} in {n} minutes</source>
            <translation>Einzelgespräch mit {name} in {n} Minuten</translation>
        </message>
        <message>
            <source>At {time} ({calendar})</source>
            <translation>Um {time} ({calendar})</translation>
        </message>
        <message>
            <source>Check in</source>
            <translation>Check-in</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Beginnen</translation>
        </message>
        <message>
            <source>Not this one</source>
            <translation>Diesmal nicht</translation>
        </message>
    </context>
    <context>
        <name>CalendarForm</name>
        <message>
            <source>Choose a calendar file</source>
            <translation>Kalenderdatei wählen</translation>
        </message>
        <message>
            <source>Calendar files (*.ics);;All files (*)</source>
            <translation>Kalenderdateien (*.ics);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source> min before</source>
            <translation> Min. vorher</translation>
        </message>
        <message>
            <source>Minutes before a one-on-one to remind you</source>
            <translation>Minuten vor einem Einzelgespräch, zu denen Sie erinnert werden</translation>
        </message>
        <message>
            <source>Calendar name</source>
            <translation>Name des Kalenders</translation>
        </message>
        <message>
            <source>&amp;Choose file…</source>
            <translation>Datei &amp;wählen…</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <source>&amp;Test connection</source>
            <translation>&amp;Verbindung testen</translation>
        </message>
        <message>
            <source>&amp;Add</source>
            <translation>&amp;Hinzufügen</translation>
        </message>
        <message>
            <source>Add an iCalendar address</source>
            <translation>iCalendar-Adresse hinzufügen</translation>
        </message>
        <message>
            <source>Address or file</source>
            <translation>Adresse oder Datei</translation>
        </message>
        <message>
            <source>Google Calendar: Settings, your calendar, Integrate calendar, “Secret address in iCal format”. Outlook: Settings, Calendar, Shared calendars, Publish a calendar, the ICS link. A saved .ics file works too.</source>
            <translation>Google Kalender: Einstellungen, Ihr Kalender, Kalender integrieren, „Privatadresse im iCal-Format“. Outlook: Einstellungen, Kalender, Freigegebene Kalender, Kalender veröffentlichen, der ICS-Link. Eine gespeicherte .ics-Datei geht auch.</translation>
        </message>
        <message>
            <source>A&amp;ddress or file:</source>
            <translation>A&amp;dresse oder Datei:</translation>
        </message>
        <message>
            <source>Add a CalDAV account</source>
            <translation>CalDAV-Konto hinzufügen</translation>
        </message>
        <message>
            <source>Server address</source>
            <translation>Serveradresse</translation>
        </message>
        <message>
            <source>&amp;Server address:</source>
            <translation>&amp;Serveradresse:</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>&amp;Benutzername:</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>&amp;Passwort:</translation>
        </message>
        <message>
            <source>The password goes to your system's secret store, never into focusmate's files. Use an app password where your provider offers one.</source>
            <translation>Das Passwort kommt in den Schlüsselbund Ihres Systems, nie in die Dateien von focusmate. Nutzen Sie ein App-Passwort, wo Ihr Anbieter eines anbietet.</translation>
        </message>
        <message>
            <source>There is no secret store to keep the password in ({reason}), so focusmate keeps it only while it runs and asks for it again at each start.</source>
            <translation>Es gibt keinen Schlüsselbund für das Passwort ({reason}). focusmate behält es daher nur, solange es läuft, und fragt bei jedem Start erneut danach.</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Name des Kalenders:</translation>
        </message>
        <message>
            <source>&amp;Lead time:</source>
            <translation>Vor&amp;laufzeit:</translation>
        </message>
    </context>
    <context>
        <name>CalendarStatus</name>
        <message>
            <source>Not checked yet</source>
            <translation>Noch nicht geprüft</translation>
        </message>
        <message>
            <source>{n} event</source>
            <translation>{n} Termin</translation>
        </message>
        <message>
            <source>{n} events</source>
            <translation>{n} Termine</translation>
        </message>
        <message>
            <source>Working: {events}, checked {when}</source>
            <translation>Funktioniert: {events}, geprüft {when}</translation>
        </message>
        <message>
            <source>{lead} ({detail})</source>
            <translation>{lead} ({detail})</translation>
        </message>
        <message>
            <source>Not working: {what}. {copy}</source>
            <translation>Funktioniert nicht: {what}. {copy}</translation>
        </message>
        <message>
            <source>The connection works: {events}.</source>
            <translation>Die Verbindung funktioniert: {events}.</translation>
        </message>
        <message>
            <source>Not working: {what}.</source>
            <translation>Funktioniert nicht: {what}.</translation>
        </message>
        <message>
            <source>The server refused the user name or password</source>
            <translation>Der Server hat Benutzername oder Passwort abgelehnt</translation>
        </message>
        <message>
            <source>The server could not be reached</source>
            <translation>Der Server war nicht erreichbar</translation>
        </message>
        <message>
            <source>The calendar is too large</source>
            <translation>Der Kalender ist zu groß</translation>
        </message>
        <message>
            <source>The calendar could not be read</source>
            <translation>Der Kalender konnte nicht gelesen werden</translation>
        </message>
        <message>
            <source>The connection is not secure</source>
            <translation>Die Verbindung ist nicht sicher</translation>
        </message>
        <message>
            <source>The server gave an unexpected answer</source>
            <translation>Der Server hat unerwartet geantwortet</translation>
        </message>
        <message>
            <source>The password is needed</source>
            <translation>Das Passwort fehlt</translation>
        </message>
        <message>
            <source>There is no calendar at this address</source>
            <translation>Unter dieser Adresse ist kein Kalender</translation>
        </message>
        <message>
            <source>The calendar has too many events</source>
            <translation>Der Kalender hat zu viele Termine</translation>
        </message>
        <message>
            <source>There is no copy of it yet.</source>
            <translation>Es gibt noch keine Kopie davon.</translation>
        </message>
        <message>
            <source>Using the copy from {when}.</source>
            <translation>Verwendet wird die Kopie vom {when}.</translation>
        </message>
        <message>
            <source>Using the copy from {when} ({age} before this check).</source>
            <translation>Verwendet wird die Kopie vom {when} ({age} vor dieser Prüfung).</translation>
        </message>
        <message>
            <source>{n} minute</source>
            <translation>{n} Minute</translation>
        </message>
        <message>
            <source>{n} minutes</source>
            <translation>{n} Minuten</translation>
        </message>
        <message>
            <source>{n} hour</source>
            <translation>{n} Stunde</translation>
        </message>
        <message>
            <source>{n} hours</source>
            <translation>{n} Stunden</translation>
        </message>
        <message>
            <source>{n} day</source>
            <translation>{n} Tag</translation>
        </message>
        <message>
            <source>{n} days</source>
            <translation>{n} Tage</translation>
        </message>
    </context>
    <context>
        <name>CalendarsTab</name>
        <message>
            <source>Calendar password</source>
            <translation>Kalender-Passwort</translation>
        </message>
        <message>
            <source>Password for {name}:</source>
            <translation>Passwort für {name}:</translation>
        </message>
        <message>
            <source>Calendars are not available in this window.</source>
            <translation>Kalender sind in diesem Fenster nicht verfügbar.</translation>
        </message>
        <message>
            <source>Calendars</source>
            <translation>Kalender</translation>
        </message>
        <message>
            <source>Add &amp;iCalendar address…</source>
            <translation>&amp;iCalendar-Adresse hinzufügen…</translation>
        </message>
        <message>
            <source>Add CalDAV &amp;account…</source>
            <translation>CalDAV-K&amp;onto hinzufügen…</translation>
        </message>
        <message>
            <source>Re&amp;move calendar</source>
            <translation>Kalender ent&amp;fernen</translation>
        </message>
        <message>
            <source>&amp;Test connection</source>
            <translation>&amp;Verbindung testen</translation>
        </message>
        <message>
            <source>Re&amp;fresh now</source>
            <translation>&amp;Jetzt aktualisieren</translation>
        </message>
        <message>
            <source>&amp;Lead time:</source>
            <translation>Vor&amp;laufzeit:</translation>
        </message>
        <message>
            <source>Enter pass&amp;word…</source>
            <translation>Pass&amp;wort eingeben…</translation>
        </message>
        <message>
            <source>Password needed for {name}</source>
            <translation>Passwort nötig für {name}</translation>
        </message>
        <message>
            <source>Enter the password for {name}</source>
            <translation>Das Passwort für {name} eingeben</translation>
        </message>
        <message>
            <source>{name}: {status}</source>
            <translation>{name}: {status}</translation>
        </message>
    </context>
    <context>
        <name>CheckIn</name>
        <message>
            <source>unknown: focusmate cannot tell here; silence them by hand</source>
            <translation>unbekannt: focusmate kann es hier nicht erkennen; schalten Sie sie von Hand stumm</translation>
        </message>
        <message>
            <source>silenced</source>
            <translation>stumm geschaltet</translation>
        </message>
        <message>
            <source>unknown: silence them by hand</source>
            <translation>unbekannt: schalten Sie sie von Hand stumm</translation>
        </message>
        <message>
            <source>not silenced yet</source>
            <translation>noch nicht stumm geschaltet</translation>
        </message>
    </context>
    <context>
        <name>CheckInPage</name>
        <message>
            <source>Last time</source>
            <translation>Letztes Mal</translation>
        </message>
        <message>
            <source>&amp;Phone out of reach</source>
            <translation>&amp;Handy außer Reichweite</translation>
        </message>
        <message>
            <source>&amp;Notifications silenced</source>
            <translation>&amp;Benachrichtigungen stumm</translation>
        </message>
        <message>
            <source>Other apps &amp;closed</source>
            <translation>Andere &amp;Programme geschlossen</translation>
        </message>
        <message>
            <source>Do-not-disturb</source>
            <translation>Nicht stören</translation>
        </message>
        <message>
            <source>Empathy first, advice second</source>
            <translation>Erst Empathie, dann Rat</translation>
        </message>
        <message>
            <source>Intention</source>
            <translation>Vorsatz</translation>
        </message>
        <message>
            <source>Slow &amp;down for {seconds} s</source>
            <translation>&amp;Durchatmen ({seconds} s)</translation>
        </message>
        <message>
            <source>Slow-down countdown</source>
            <translation>Zeit zum Durchatmen</translation>
        </message>
        <message>
            <source>In&amp;tention:</source>
            <translation>&amp;Vorsatz:</translation>
        </message>
        <message>
            <source>Before you meet {name}</source>
            <translation>Bevor Sie {name} treffen</translation>
        </message>
        <message>
            <source>Ready. Take this calm in with you.</source>
            <translation>Bereit. Nehmen Sie diese Ruhe mit ins Gespräch.</translation>
        </message>
        <message>
            <source>Breathe slowly… {clock}</source>
            <translation>Langsam atmen… {clock}</translation>
        </message>
        <message>
            <source>Your first session with {name} in focusmate: nothing carried over yet.</source>
            <translation>Ihr erstes Gespräch mit {name} in focusmate: noch nichts vom letzten Mal.</translation>
        </message>
        <message>
            <source>Last session: &lt;b&gt;{day}&lt;/b&gt;.</source>
            <translation>Letztes Gespräch: &lt;b&gt;{day}&lt;/b&gt;.</translation>
        </message>
        <message>
            <source>You did not reflect on it.</source>
            <translation>Dazu haben Sie keine Reflexion geschrieben.</translation>
        </message>
        <message>
            <source>Your last reflection: {day}.</source>
            <translation>Ihre letzte Reflexion: {day}.</translation>
        </message>
        <message>
            <source>They were thinking or feeling: “{text}”</source>
            <translation>Die Person dachte oder fühlte: „{text}“</translation>
        </message>
        <message>
            <source>You noted nothing about what they were thinking or feeling.</source>
            <translation>Sie haben nicht notiert, was die Person dachte oder fühlte.</translation>
        </message>
        <message>
            <source>You committed: &lt;b&gt;“{text}”&lt;/b&gt;</source>
            <translation>Ihr Vorhaben: &lt;b&gt;„{text}“&lt;/b&gt;</translation>
        </message>
        <message>
            <source>No commitment was noted.</source>
            <translation>Es wurde kein Vorhaben notiert.</translation>
        </message>
        <message>
            <source>&lt;b&gt;The same challenge has come up {n} sessions in a row&lt;/b&gt; (since {day}).</source>
            <translation>&lt;b&gt;Dieselbe Herausforderung kam {n} Gespräche in Folge auf&lt;/b&gt; (seit {day}).</translation>
        </message>
        <message>
            <source>Last time it was a new challenge.</source>
            <translation>Letztes Mal war es eine neue Herausforderung.</translation>
        </message>
        <message>
            <source>ddd d MMM</source>
            <translation>ddd d. MMM</translation>
        </message>
    </context>
    <context>
        <name>ConnectionCheck</name>
        <message>
            <source>Testing</source>
            <translation>Test läuft</translation>
        </message>
        <message>
            <source>Testing the connection to {name}…</source>
            <translation>Die Verbindung zu {name} wird getestet…</translation>
        </message>
    </context>
    <context>
        <name>ControlWindow</name>
        <message>
            <source>focusmate controls</source>
            <translation>focusmate-Steuerung</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Aktueller Stand</translation>
        </message>
    </context>
    <context>
        <name>Controller</name>
        <message>
            <source>do-not-disturb is not set up</source>
            <translation>„Nicht stören“ ist nicht eingerichtet</translation>
        </message>
    </context>
    <context>
        <name>DoNotDisturb</name>
        <message>
            <source>Turn off 'Display notifications' in Cinnamon's Notifications settings.</source>
            <translation>Schalten Sie in den Benachrichtigungseinstellungen von Cinnamon „Benachrichtigungen anzeigen“ aus.</translation>
        </message>
        <message>
            <source>Pause dunst by hand with `dunstctl set-paused true` (and `false` afterwards).</source>
            <translation>Pausieren Sie dunst von Hand mit `dunstctl set-paused true` (und danach `false`).</translation>
        </message>
        <message>
            <source>Turn on Do Not Disturb in GNOME's notification list (click the clock).</source>
            <translation>Schalten Sie „Nicht stören“ in der Benachrichtigungsliste von GNOME ein (auf die Uhr klicken).</translation>
        </message>
        <message>
            <source>Turn on Do not disturb in Plasma's Notifications applet.</source>
            <translation>Schalten Sie „Nicht stören“ im Benachrichtigungs-Applet von Plasma ein.</translation>
        </message>
        <message>
            <source>Coaching session in progress</source>
            <translation>Coachinggespräch läuft</translation>
        </message>
        <message>
            <source>Check that the Shortcuts '{on}' and '{off}' turn your Focus on and off, or turn on Do Not Disturb in Control Center.</source>
            <translation>Prüfen Sie, ob die Kurzbefehle „{on}“ und „{off}“ Ihren Fokus ein- und ausschalten, oder schalten Sie „Nicht stören“ im Kontrollzentrum ein.</translation>
        </message>
        <message>
            <source>macOS does not let apps turn on a Focus: turn on Do Not Disturb in Control Center, or make two Shortcuts (Set Focus on / off) and enter their names in focusmate's settings.</source>
            <translation>macOS erlaubt Apps nicht, einen Fokus einzuschalten: Schalten Sie „Nicht stören“ im Kontrollzentrum ein, oder legen Sie zwei Kurzbefehle an (Fokus ein / aus) und tragen Sie deren Namen in den Einstellungen von focusmate ein.</translation>
        </message>
        <message>
            <source>To let focusmate silence mako, add a section `[mode=do-not-disturb]` with `invisible=1` to ~/.config/mako/config, then run `makoctl reload`.</source>
            <translation>Damit focusmate mako stummschalten kann, fügen Sie in ~/.config/mako/config einen Abschnitt `[mode=do-not-disturb]` mit `invisible=1` hinzu und führen Sie dann `makoctl reload` aus.</translation>
        </message>
        <message>
            <source>Turn on Do not disturb in MATE's Notification settings (mate-notification-properties).</source>
            <translation>Schalten Sie „Nicht stören“ in den Benachrichtigungseinstellungen von MATE ein (mate-notification-properties).</translation>
        </message>
        <message>
            <source>no notification server</source>
            <translation>kein Benachrichtigungsdienst</translation>
        </message>
        <message>
            <source>No supported notification server was found (KDE Plasma, GNOME, Xfce, MATE, Cinnamon, dunst, mako or swaync); silence notifications by hand, or pick one in focusmate's settings.</source>
            <translation>Es wurde kein unterstützter Benachrichtigungsdienst gefunden (KDE Plasma, GNOME, Xfce, MATE, Cinnamon, dunst, mako oder swaync); schalten Sie Benachrichtigungen von Hand stumm, oder wählen Sie einen in den Einstellungen von focusmate.</translation>
        </message>
        <message>
            <source>Turn on Do Not Disturb in swaync's control center (or `swaync-client -dn`).</source>
            <translation>Schalten Sie „Nicht stören“ im Kontrollzentrum von swaync ein (oder mit `swaync-client -dn`).</translation>
        </message>
        <message>
            <source>Windows does not let apps turn on Focus Assist: turn on Do not disturb in Settings › System › Notifications (ms-settings:quiethours) before the session.</source>
            <translation>Windows erlaubt Apps nicht, den Fokus-Assistenten einzuschalten: Schalten Sie vor dem Gespräch „Nicht stören“ unter Einstellungen › System › Benachrichtigungen (ms-settings:quiethours) ein.</translation>
        </message>
        <message>
            <source>Turn on Do not disturb in Xfce's Notifications settings (xfce4-notifyd-config) or with the panel's notification plugin.</source>
            <translation>Schalten Sie „Nicht stören“ in den Benachrichtigungseinstellungen von Xfce (xfce4-notifyd-config) oder über das Benachrichtigungs-Plugin der Leiste ein.</translation>
        </message>
        <message>
            <source>A do-not-disturb record was damaged ({error}) and kept as {kept_as}; check your notifications.</source>
            <translation>Ein „Nicht stören“-Eintrag war beschädigt ({error}) und wurde als {kept_as} aufbewahrt; bitte prüfen Sie Ihre Benachrichtigungen.</translation>
        </message>
        <message>
            <source>A do-not-disturb record was damaged ({error}) and kept as {kept_as}; notifications are back on.</source>
            <translation>Ein „Nicht stören“-Eintrag war beschädigt ({error}) und wurde als {kept_as} aufbewahrt; die Benachrichtigungen sind wieder an.</translation>
        </message>
        <message>
            <source>Notifications were still paused ({label}) after focusmate stopped unexpectedly; they are back on.</source>
            <translation>Benachrichtigungen waren nach einem unerwarteten Ende von focusmate noch pausiert ({label}); sie sind wieder an.</translation>
        </message>
        <message>
            <source>Notifications may still be paused ({label}) since an earlier session, and focusmate could not turn them back on ({error}); please turn them on by hand.</source>
            <translation>Benachrichtigungen sind seit einem früheren Gespräch möglicherweise noch pausiert ({label}), und focusmate konnte sie nicht wieder einschalten ({error}); bitte schalten Sie sie von Hand ein.</translation>
        </message>
        <message>
            <source>Notifications may still be paused ({label}) since an earlier session: {error}. focusmate will try again when it next starts.</source>
            <translation>Benachrichtigungen sind seit einem früheren Gespräch möglicherweise noch pausiert ({label}): {error}. focusmate versucht es beim nächsten Start erneut.</translation>
        </message>
        <message>
            <source>Notifications may still be paused ({label}: {error}); focusmate will try again when it next starts. Turn them on by hand if you need them now.</source>
            <translation>Benachrichtigungen sind möglicherweise noch pausiert ({label}: {error}); focusmate versucht es beim nächsten Start erneut. Schalten Sie sie von Hand ein, wenn Sie sie jetzt brauchen.</translation>
        </message>
        <message>
            <source>Notifications are back on ({label})</source>
            <translation>Benachrichtigungen sind wieder an ({label})</translation>
        </message>
        <message>
            <source>Notifications stay paused, as they were before the session ({label})</source>
            <translation>Benachrichtigungen bleiben pausiert, wie vor dem Gespräch ({label})</translation>
        </message>
        <message>
            <source>Do-not-disturb stays as you set it ({label})</source>
            <translation>„Nicht stören“ bleibt, wie Sie es eingestellt haben ({label})</translation>
        </message>
        <message>
            <source>This desktop could not be silenced: {guidance}</source>
            <translation>Dieser Desktop konnte nicht stummgeschaltet werden: {guidance}</translation>
        </message>
        <message>
            <source>an earlier pause could not be undone yet</source>
            <translation>eine frühere Pause konnte noch nicht aufgehoben werden</translation>
        </message>
        <message>
            <source>Notifications were already paused ({label}); they stay paused</source>
            <translation>Benachrichtigungen waren bereits pausiert ({label}); sie bleiben pausiert</translation>
        </message>
        <message>
            <source>the change did not take effect</source>
            <translation>die Änderung hat nicht gewirkt</translation>
        </message>
        <message>
            <source>Notifications paused ({label})</source>
            <translation>Benachrichtigungen pausiert ({label})</translation>
        </message>
        <message>
            <source>This desktop could not be silenced ({label}: {reason}). {guidance}</source>
            <translation>Dieser Desktop konnte nicht stummgeschaltet werden ({label}: {reason}). {guidance}</translation>
        </message>
        <message>
            <source>Do-not-disturb was turned off by hand ({label}); focusmate leaves it as you set it</source>
            <translation>„Nicht stören“ wurde von Hand ausgeschaltet ({label}); focusmate lässt es so, wie Sie es eingestellt haben</translation>
        </message>
        <message>
            <source>Notifications are paused during sessions ({label})</source>
            <translation>Benachrichtigungen werden während der Gespräche pausiert ({label})</translation>
        </message>
        <message>
            <source>This desktop cannot be silenced: {guidance}</source>
            <translation>Dieser Desktop kann nicht stummgeschaltet werden: {guidance}</translation>
        </message>
    </context>
    <context>
        <name>ErrorLabel</name>
        <message>
            <source>Error</source>
            <translation>Fehler</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>That did not work: {detail}</source>
            <translation>Das hat nicht funktioniert: {detail}</translation>
        </message>
        <message>
            <source>A coaching session with {name} is already running. End it first.</source>
            <translation>Ein Coachinggespräch mit {name} läuft bereits. Beenden Sie es zuerst.</translation>
        </message>
        <message>
            <source>No coaching session is running.</source>
            <translation>Es läuft kein Coachinggespräch.</translation>
        </message>
        <message>
            <source>There is no mark to undo.</source>
            <translation>Es gibt keinen Vermerk zum Zurücknehmen.</translation>
        </message>
        <message>
            <source>The last mark is {age_s} seconds old; only a mark from the last {window_s} seconds can be taken back.</source>
            <translation>Der letzte Vermerk ist {age_s} Sekunden alt; nur ein Vermerk aus den letzten {window_s} Sekunden kann zurückgenommen werden.</translation>
        </message>
        <message>
            <source>That session is not waiting for a reflection.</source>
            <translation>Für dieses Gespräch steht keine Reflexion aus.</translation>
        </message>
        <message>
            <source>Answering on the phone is off. Turn it on in the settings (General) first.</source>
            <translation>Das Beantworten auf dem Handy ist ausgeschaltet. Schalten Sie es zuerst in den Einstellungen (Allgemein) ein.</translation>
        </message>
        <message>
            <source>This computer is on no local network, so a phone cannot reach the form. Connect to the same network as the phone, or type the answers instead.</source>
            <translation>Dieser Computer ist in keinem lokalen Netzwerk, daher erreicht ein Handy das Formular nicht. Verbinden Sie ihn mit demselben Netzwerk wie das Handy, oder tippen Sie die Antworten selbst ein.</translation>
        </message>
        <message>
            <source>The salesperson's name is empty.</source>
            <translation>Bitte geben Sie den Namen ein.</translation>
        </message>
        <message>
            <source>The salesperson's name is {length} characters long; at most {limit} are allowed.</source>
            <translation>Der Name ist {length} Zeichen lang; erlaubt sind höchstens {limit}.</translation>
        </message>
        <message>
            <source>The planned minutes must be between {low} and {high}, not {minutes}.</source>
            <translation>Die geplante Dauer muss zwischen {low} und {high} Minuten liegen, nicht {minutes}.</translation>
        </message>
        <message>
            <source>The focus note is {length} characters long; at most {limit} are allowed.</source>
            <translation>Die Fokus-Notiz ist {length} Zeichen lang; erlaubt sind höchstens {limit}.</translation>
        </message>
        <message>
            <source>The intention is {length} characters long; at most {limit} are allowed.</source>
            <translation>Der Vorsatz ist {length} Zeichen lang; erlaubt sind höchstens {limit}.</translation>
        </message>
        <message>
            <source>Type a name for the new kind of mark.</source>
            <translation>Geben Sie einen Namen für die neue Art von Vermerk ein.</translation>
        </message>
        <message>
            <source>The name of a kind of mark can be at most {limit} characters long.</source>
            <translation>Der Name einer Art von Vermerk darf höchstens {limit} Zeichen lang sein.</translation>
        </message>
        <message>
            <source>'{name}' cannot name a kind of mark: it needs at least one letter or digit (A-Z, 0-9).</source>
            <translation>„{name}“ kann keine Art von Vermerk benennen: Der Name braucht mindestens einen Buchstaben oder eine Ziffer (A–Z, 0–9).</translation>
        </message>
        <message>
            <source>There is already a kind of mark called '{kind}'.</source>
            <translation>Es gibt bereits eine Art von Vermerk namens „{kind}“.</translation>
        </message>
        <message>
            <source>'{kind}' cannot name a kind of mark: focusmate uses that name itself.</source>
            <translation>„{kind}“ kann keine Art von Vermerk benennen: focusmate verwendet diesen Namen selbst.</translation>
        </message>
        <message>
            <source>There is no kind of mark called '{kind}'.</source>
            <translation>Es gibt keine Art von Vermerk namens „{kind}“.</translation>
        </message>
        <message>
            <source>Type a name for the new kind of session.</source>
            <translation>Geben Sie einen Namen für die neue Gesprächsart ein.</translation>
        </message>
        <message>
            <source>The name of a kind of session can be at most {limit} characters long.</source>
            <translation>Der Name einer Gesprächsart darf höchstens {limit} Zeichen lang sein.</translation>
        </message>
        <message>
            <source>'{name}' cannot name a kind of session: it needs at least one letter or digit (A-Z, 0-9).</source>
            <translation>„{name}“ kann keine Gesprächsart benennen: Der Name braucht mindestens einen Buchstaben oder eine Ziffer (A–Z, 0–9).</translation>
        </message>
        <message>
            <source>There is already a kind of session called '{kind}'.</source>
            <translation>Es gibt bereits eine Gesprächsart namens „{kind}“.</translation>
        </message>
        <message>
            <source>There is no kind of session called '{kind}'.</source>
            <translation>Es gibt keine Gesprächsart namens „{kind}“.</translation>
        </message>
        <message>
            <source>{hotkey} is set for more than one action ({actions}). Choose a different hotkey for each.</source>
            <translation>{hotkey} ist mehreren Aktionen zugeordnet ({actions}). Wählen Sie für jede ein anderes Tastenkürzel.</translation>
        </message>
        <message>
            <source>{hotkey} would fire while you type in other windows. Add Ctrl, Alt or Meta (for example Ctrl+Alt+{key}).</source>
            <translation>{hotkey} würde beim Tippen in anderen Fenstern auslösen. Nehmen Sie Strg, Alt oder Meta hinzu (zum Beispiel Ctrl+Alt+{key}).</translation>
        </message>
        <message>
            <source>{hotkey}: the key {key} cannot be used in a hotkey. Use a letter, a digit, F1-F24 or a named key such as Space, PageUp or Home.</source>
            <translation>{hotkey}: Die Taste {key} kann nicht in einem Tastenkürzel verwendet werden. Verwenden Sie einen Buchstaben, eine Ziffer, F1–F24 oder eine benannte Taste wie Space, PageUp oder Home.</translation>
        </message>
        <message>
            <source>{hotkey}: the + key cannot be part of a hotkey. Choose another key.</source>
            <translation>{hotkey}: Die Taste + kann nicht Teil eines Tastenkürzels sein. Wählen Sie eine andere Taste.</translation>
        </message>
        <message>
            <source>The folder name {folder} is not valid text. Choose or rename a folder.</source>
            <translation>Der Ordnername {folder} ist kein gültiger Text. Wählen Sie einen anderen Ordner, oder benennen Sie ihn um.</translation>
        </message>
        <message>
            <source>Tick at least one day for the morning reminder, or switch it off.</source>
            <translation>Kreuzen Sie für die Morgenerinnerung mindestens einen Tag an, oder schalten Sie sie aus.</translation>
        </message>
        <message>
            <source>Could not save to the data folder ({detail}). Nothing was lost; please try again.</source>
            <translation>Im Datenordner konnte nicht gespeichert werden ({detail}). Es ist nichts verloren gegangen; bitte versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>Could not save the settings ({detail}).</source>
            <translation>Die Einstellungen konnten nicht gespeichert werden ({detail}).</translation>
        </message>
        <message>
            <source>Could not write {path} ({detail}).</source>
            <translation>{path} konnte nicht geschrieben werden ({detail}).</translation>
        </message>
        <message>
            <source>Could not copy the data to {target} ({detail}). Nothing was moved; your data stays in {source}.</source>
            <translation>Die Daten konnten nicht nach {target} kopiert werden ({detail}). Es wurde nichts verschoben; Ihre Daten bleiben in {source}.</translation>
        </message>
        <message>
            <source>The copy in {target} did not read back the same. Nothing was moved; your data stays in {source}.</source>
            <translation>Die Kopie in {target} ließ sich nicht unverändert zurücklesen. Es wurde nichts verschoben; Ihre Daten bleiben in {source}.</translation>
        </message>
        <message>
            <source>Could not switch the data folder to {target} ({detail}). Nothing was moved; your data stays in {source}.</source>
            <translation>Der Datenordner konnte nicht auf {target} umgestellt werden ({detail}). Es wurde nichts verschoben; Ihre Daten bleiben in {source}.</translation>
        </message>
        <message>
            <source>The start-at-login entry {entry} could not be changed ({detail}).</source>
            <translation>Der Autostart-Eintrag {entry} konnte nicht geändert werden ({detail}).</translation>
        </message>
        <message>
            <source>The system cannot start {program} at login because of the characters in its path. Move focusmate to a folder with a plain name.</source>
            <translation>Das System kann {program} wegen der Zeichen im Pfad nicht bei der Anmeldung starten. Verschieben Sie focusmate in einen Ordner mit einem einfachen Namen.</translation>
        </message>
    </context>
    <context>
        <name>Hotkeys</name>
        <message>
            <source>{hotkey} ({action}) belongs to the system, so focusmate does not listen for it.</source>
            <translation>{hotkey} ({action}) gehört dem System, daher reagiert focusmate nicht darauf.</translation>
        </message>
        <message>
            <source>{hotkey} ({action}) switches to a text console on Linux, so focusmate does not listen for it.</source>
            <translation>{hotkey} ({action}) wechselt unter Linux zu einer Textkonsole, daher reagiert focusmate nicht darauf.</translation>
        </message>
        <message>
            <source>{hotkey} ({action}) can end the X session on Linux, so focusmate does not listen for it.</source>
            <translation>{hotkey} ({action}) kann unter Linux die X-Sitzung beenden, daher reagiert focusmate nicht darauf.</translation>
        </message>
        <message>
            <source>Global hotkeys are not started.</source>
            <translation>Die globalen Tastenkürzel sind nicht gestartet.</translation>
        </message>
        <message>
            <source>Global hotkeys are stopped.</source>
            <translation>Die globalen Tastenkürzel sind angehalten.</translation>
        </message>
        <message>
            <source>Windows: hotkeys are not seen while a program running as administrator has the focus.</source>
            <translation>Windows: Tastenkürzel werden nicht erkannt, solange ein als Administrator ausgeführtes Programm den Fokus hat.</translation>
        </message>
        <message>
            <source>This is a Wayland session, where global hotkeys are not possible. Bind desktop shortcuts to {commands} instead.</source>
            <translation>Dies ist eine Wayland-Sitzung, in der globale Tastenkürzel nicht möglich sind. Legen Sie stattdessen Desktop-Tastenkürzel auf {commands}.</translation>
        </message>
        <message>
            <source>Hotkeys are seen only while an X11 (XWayland) window has the focus, not in native Wayland windows. For those, bind desktop shortcuts to {commands}.</source>
            <translation>Tastenkürzel werden nur erkannt, solange ein X11-Fenster (XWayland) den Fokus hat, nicht in nativen Wayland-Fenstern. Legen Sie für diese Desktop-Tastenkürzel auf {commands}.</translation>
        </message>
        <message>
            <source>There is no X display (DISPLAY is not set), so global hotkeys are off. Bind desktop shortcuts to {commands} instead.</source>
            <translation>Es gibt keine X-Anzeige (DISPLAY ist nicht gesetzt), daher sind globale Tastenkürzel aus. Legen Sie stattdessen Desktop-Tastenkürzel auf {commands}.</translation>
        </message>
        <message>
            <source>Choose another hotkey in the settings.</source>
            <translation>Wählen Sie in den Einstellungen ein anderes Tastenkürzel.</translation>
        </message>
        <message>
            <source>macOS has no {key} key, so {hotkey} cannot be used.</source>
            <translation>macOS hat keine Taste {key}, daher kann {hotkey} nicht verwendet werden.</translation>
        </message>
        <message>
            <source>focusmate cannot listen for {hotkey} on this system.</source>
            <translation>focusmate kann auf diesem System nicht auf {hotkey} reagieren.</translation>
        </message>
        <message>
            <source>Global hotkeys could not start ({error}).</source>
            <translation>Die globalen Tastenkürzel konnten nicht starten ({error}).</translation>
        </message>
        <message>
            <source>{hotkey} is set for more than one action ({actions}), so global hotkeys are off. Choose a different hotkey for each in the settings.</source>
            <translation>{hotkey} ist mehreren Aktionen zugeordnet ({actions}), daher sind globale Tastenkürzel aus. Wählen Sie in den Einstellungen für jede ein anderes Tastenkürzel.</translation>
        </message>
        <message>
            <source>No global hotkeys are set. Choose keys in the settings, or log marks from the focusmate menu.</source>
            <translation>Es sind keine globalen Tastenkürzel festgelegt. Wählen Sie Tasten in den Einstellungen, oder erfassen Sie Vermerke über das focusmate-Menü.</translation>
        </message>
        <message>
            <source>Global hotkeys are off: focusmate cannot open the X display {display}.</source>
            <translation>Globale Tastenkürzel sind aus: focusmate kann die X-Anzeige {display} nicht öffnen.</translation>
        </message>
        <message>
            <source>Global hotkeys are off: focusmate cannot load its keyboard listener.</source>
            <translation>Globale Tastenkürzel sind aus: focusmate kann seine Tastaturüberwachung nicht laden.</translation>
        </message>
        <message>
            <source>macOS: allow focusmate under Privacy &amp; Security › Accessibility and Input Monitoring, then start focusmate again.</source>
            <translation>macOS: Erlauben Sie focusmate unter Datenschutz &amp; Sicherheit › Bedienungshilfen und Eingabeüberwachung, und starten Sie focusmate dann neu.</translation>
        </message>
        <message>
            <source>The hotkey listener did not start. Is the X RECORD extension enabled?</source>
            <translation>Die Tastaturüberwachung für die Tastenkürzel ist nicht gestartet. Ist die X-Erweiterung RECORD aktiviert?</translation>
        </message>
        <message>
            <source>The hotkey listener did not start.</source>
            <translation>Die Tastaturüberwachung für die Tastenkürzel ist nicht gestartet.</translation>
        </message>
        <message>
            <source>The hotkey listener stopped unexpectedly ({error}).</source>
            <translation>Die Tastaturüberwachung für die Tastenkürzel wurde unerwartet beendet ({error}).</translation>
        </message>
        <message>
            <source>The hotkey listener stopped unexpectedly.</source>
            <translation>Die Tastaturüberwachung für die Tastenkürzel wurde unerwartet beendet.</translation>
        </message>
        <message>
            <source>The desktop's global shortcuts are not available ({detail}).</source>
            <translation>Die globalen Tastenkürzel des Desktops sind nicht verfügbar ({detail}).</translation>
        </message>
        <message>
            <source>Log a phone check in the running session</source>
            <translation>In der laufenden Sitzung einen Blick aufs Handy erfassen</translation>
        </message>
        <message>
            <source>Log an app switch in the running session</source>
            <translation>In der laufenden Sitzung einen App-Wechsel erfassen</translation>
        </message>
        <message>
            <source>Undo the last mark</source>
            <translation>Die letzte Markierung rückgängig machen</translation>
        </message>
        <message>
            <source>Log a mark of the kind {kind} in the running session</source>
            <translation>In der laufenden Sitzung eine Markierung der Art {kind} erfassen</translation>
        </message>
    </context>
    <context>
        <name>Insights</name>
        <message>
            <source>{count} of your {total} phone checks were in sessions before noon.</source>
            <translation>{count} Ihrer {total} Blicke aufs Handy waren in Gesprächen vor 12 Uhr.</translation>
        </message>
        <message>
            <source>{count} of your {total} phone checks were in sessions between noon and 4 pm.</source>
            <translation>{count} Ihrer {total} Blicke aufs Handy waren in Gesprächen zwischen 12 und 16 Uhr.</translation>
        </message>
        <message>
            <source>{count} of your {total} phone checks were in sessions after 4 pm.</source>
            <translation>{count} Ihrer {total} Blicke aufs Handy waren in Gesprächen nach 16 Uhr.</translation>
        </message>
        <message>
            <source>You kept {kept} of {total} commitments.</source>
            <translation>Sie haben {kept} von {total} Vorhaben umgesetzt.</translation>
        </message>
        <message>
            <source>You kept {kept} of {total} commitments and partly kept {partly} more.</source>
            <translation>Sie haben {kept} von {total} Vorhaben umgesetzt und {partly} weitere teilweise.</translation>
        </message>
        <message>
            <source>Presence with {name} fell three weeks running.</source>
            <translation>Ihre Präsenz bei {name} ist drei Wochen in Folge gesunken.</translation>
        </message>
        <message>
            <source>Your average presence rose from {before} to {after} this week.</source>
            <translation>Ihre durchschnittliche Präsenz ist diese Woche von {before} auf {after} gestiegen.</translation>
        </message>
        <message>
            <source>Your average presence fell from {before} to {after} this week.</source>
            <translation>Ihre durchschnittliche Präsenz ist diese Woche von {before} auf {after} gesunken.</translation>
        </message>
        <message>
            <source>Phone checks per hour: clients {clients}, your team {team}.</source>
            <translation>Blicke aufs Handy pro Stunde: Kunden {clients}, Ihr Team {team}.</translation>
        </message>
        <message>
            <source>You rated your listening {own} on average; {name}'s answers average {theirs}.</source>
            <translation>Sie haben Ihr Zuhören im Schnitt mit {own} bewertet; die Antworten von {name} liegen im Schnitt bei {theirs}.</translation>
        </message>
    </context>
    <context>
        <name>MarkKind</name>
        <message>
            <source>phone check</source>
            <translation>Blick aufs Handy</translation>
        </message>
        <message>
            <source>app switch</source>
            <translation>App-Wechsel</translation>
        </message>
        <message>
            <source>{n} phone check</source>
            <translation>{n} Blick aufs Handy</translation>
        </message>
        <message>
            <source>{n} phone checks</source>
            <translation>{n} Blicke aufs Handy</translation>
        </message>
        <message>
            <source>{n} app switch</source>
            <translation>{n} App-Wechsel</translation>
        </message>
        <message>
            <source>{n} app switches</source>
            <translation>{n} App-Wechsel</translation>
        </message>
        <message>
            <source>{n} × {kind}</source>
            <translation>{n} × {kind}</translation>
        </message>
    </context>
    <context>
        <name>Menu</name>
        <message>
            <source>End and &amp;reflect</source>
            <translation>Beenden und &amp;reflektieren</translation>
        </message>
        <message>
            <source>&amp;Check in…</source>
            <translation>&amp;Check-in…</translation>
        </message>
        <message>
            <source>&amp;Start</source>
            <translation>&amp;Beginnen</translation>
        </message>
        <message>
            <source>&amp;Not this one</source>
            <translation>&amp;Diesmal nicht</translation>
        </message>
        <message>
            <source>Enter calendar passwor&amp;d…</source>
            <translation>Kalender-&amp;Passwort eingeben…</translation>
        </message>
        <message>
            <source>&amp;Start coaching session…</source>
            <translation>&amp;Coachinggespräch beginnen…</translation>
        </message>
        <message>
            <source>Show &amp;session window</source>
            <translation>&amp;Gesprächsfenster anzeigen</translation>
        </message>
        <message>
            <source>Log &amp;phone check</source>
            <translation>Blick aufs &amp;Handy erfassen</translation>
        </message>
        <message>
            <source>Log &amp;app switch</source>
            <translation>&amp;App-Wechsel erfassen</translation>
        </message>
        <message>
            <source>&amp;End session</source>
            <translation>Gespräch been&amp;den</translation>
        </message>
        <message>
            <source>&amp;Weekly review</source>
            <translation>&amp;Wochenrückblick</translation>
        </message>
        <message>
            <source>&amp;Morning stillness…</source>
            <translation>&amp;Morgendliche Stille…</translation>
        </message>
        <message>
            <source>Se&amp;ttings…</source>
            <translation>&amp;Einstellungen…</translation>
        </message>
        <message>
            <source>Welcome &amp;&amp; &amp;how it works…</source>
            <translation>Willkommen &amp;&amp; An&amp;leitung…</translation>
        </message>
        <message>
            <source>&amp;Quit focusmate</source>
            <translation>focusmate &amp;beenden</translation>
        </message>
        <message>
            <source>Log {kind}</source>
            <translation>{kind} erfassen</translation>
        </message>
        <message>
            <source>Next: {name} at {time}</source>
            <translation>Als Nächstes: {name} um {time}</translation>
        </message>
        <message>
            <source>Start &amp;now with {name}</source>
            <translation>&amp;Jetzt mit {name} beginnen</translation>
        </message>
        <message>
            <source>Reflect on {name} ({day})…</source>
            <translation>Reflexion zu {name} ({day})…</translation>
        </message>
        <message>
            <source>ddd d MMM</source>
            <translation>ddd d. MMM</translation>
        </message>
    </context>
    <context>
        <name>MorningPage</name>
        <message>
            <source>focusmate: morning stillness</source>
            <translation>focusmate: Morgendliche Stille</translation>
        </message>
        <message>
            <source>Sessions</source>
            <translation>Gespräche</translation>
        </message>
        <message>
            <source>The four questions</source>
            <translation>Die vier Fragen</translation>
        </message>
        <message>
            <source>Commitments</source>
            <translation>Vorhaben</translation>
        </message>
        <message>
            <source>Stillness timer</source>
            <translation>Zeit der Stille</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>&amp;Schließen</translation>
        </message>
        <message>
            <source>Carry this stillness into your day.</source>
            <translation>Nehmen Sie diese Ruhe mit in Ihren Tag.</translation>
        </message>
        <message>
            <source>Before you check your phone, sit still for {n} minute.</source>
            <translation>Bevor Sie aufs Handy schauen: Sitzen Sie {n} Minute lang still.</translation>
        </message>
        <message>
            <source>Before you check your phone, sit still for {n} minutes.</source>
            <translation>Bevor Sie aufs Handy schauen: Sitzen Sie {n} Minuten lang still.</translation>
        </message>
        <message>
            <source>Look back on the last few days.</source>
            <translation>Denken Sie an die letzten Tage zurück.</translation>
        </message>
        <message>
            <source>Look back on yesterday's one-on-ones.</source>
            <translation>Denken Sie an die Einzelgespräche von gestern zurück.</translation>
        </message>
        <message>
            <source>Look back on the one-on-ones of {day}.</source>
            <translation>Denken Sie an die Einzelgespräche vom {day} zurück.</translation>
        </message>
        <message>
            <source>&lt;b&gt;Morning stillness.&lt;/b&gt;</source>
            <translation>&lt;b&gt;Morgendliche Stille.&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Read the questions slowly; answer them to yourself.</source>
            <translation>Lesen Sie die Fragen langsam und beantworten Sie sie für sich.</translation>
        </message>
        <message>
            <source>dddd d MMMM</source>
            <translation>dddd, d. MMMM</translation>
        </message>
        <message>
            <source>No one-on-ones in the last week. Think of the next one instead.</source>
            <translation>In der letzten Woche gab es keine Einzelgespräche. Denken Sie stattdessen an das nächste.</translation>
        </message>
        <message>
            <source>{n} mark</source>
            <translation>{n} Vermerk</translation>
        </message>
        <message>
            <source>{n} marks</source>
            <translation>{n} Vermerke</translation>
        </message>
        <message>
            <source>not reflected on</source>
            <translation>nicht reflektiert</translation>
        </message>
        <message>
            <source>presence {score}</source>
            <translation>Präsenz {score}</translation>
        </message>
        <message>
            <source>{time} &lt;b&gt;{name}&lt;/b&gt; · {minutes} min · {marks} · {presence}</source>
            <translation>{time} &lt;b&gt;{name}&lt;/b&gt; · {minutes} Min. · {marks} · {presence}</translation>
        </message>
        <message>
            <source>not answered</source>
            <translation>nicht beantwortet</translation>
        </message>
        <message>
            <source>you answered {value} on average</source>
            <translation>Ihre Antwort im Schnitt: {value}</translation>
        </message>
        <message>
            <source>&lt;b&gt;Over all of them:&lt;/b&gt;</source>
            <translation>&lt;b&gt;Über alle Gespräche:&lt;/b&gt;</translation>
        </message>
        <message>
            <source>{name}: “{text}”</source>
            <translation>{name}: „{text}“</translation>
        </message>
        <message>
            <source>&lt;b&gt;You committed:&lt;/b&gt;</source>
            <translation>&lt;b&gt;Ihre Vorhaben:&lt;/b&gt;</translation>
        </message>
    </context>
    <context>
        <name>MorningReminder</name>
        <message>
            <source>Morning stillness</source>
            <translation>Morgendliche Stille</translation>
        </message>
        <message>
            <source>Before you check your phone: two quiet minutes with yesterday's one-on-ones. Click to open, or choose Morning stillness in the focusmate menu.</source>
            <translation>Bevor Sie aufs Handy schauen: zwei ruhige Minuten mit den Einzelgesprächen von gestern. Klicken Sie zum Öffnen, oder wählen Sie „Morgendliche Stille“ im focusmate-Menü.</translation>
        </message>
    </context>
    <context>
        <name>Notifications</name>
        <message>
            <source>Open</source>
            <translation>Öffnen</translation>
        </message>
    </context>
    <context>
        <name>PeopleEditor</name>
        <message>
            <source>People you hold one-on-ones with</source>
            <translation>Personen, mit denen Sie Einzelgespräche führen</translation>
        </message>
        <message>
            <source>People</source>
            <translation>Personen</translation>
        </message>
        <message>
            <source>Add &amp;person</source>
            <translation>&amp;Person hinzufügen</translation>
        </message>
        <message>
            <source>Remove pe&amp;rson</source>
            <translation>Pe&amp;rson entfernen</translation>
        </message>
        <message>
            <source>Name of the person</source>
            <translation>Name der Person</translation>
        </message>
        <message>
            <source>Their e-mail addresses</source>
            <translation>Ihre E-Mail-Adressen</translation>
        </message>
        <message>
            <source>e.g. jordan@example.com, jo@example.org</source>
            <translation>z. B. jordan@example.com, jo@example.org</translation>
        </message>
        <message>
            <source>Other names in titles</source>
            <translation>Andere Namen in Termintiteln</translation>
        </message>
        <message>
            <source>e.g. Jo, J. Lee</source>
            <translation>z. B. Jo, J. Lee</translation>
        </message>
        <message>
            <source>My e-mail addresses</source>
            <translation>Meine E-Mail-Adressen</translation>
        </message>
        <message>
            <source>Your own addresses, comma-separated: invitations you declined are then left out.</source>
            <translation>Ihre eigenen Adressen, durch Kommas getrennt: Einladungen, die Sie abgelehnt haben, werden dann übergangen.</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Name der Person:</translation>
        </message>
        <message>
            <source>E-mail a&amp;ddresses:</source>
            <translation>E-Mail-A&amp;dressen:</translation>
        </message>
        <message>
            <source>&amp;Other names:</source>
            <translation>Auch &amp;genannt:</translation>
        </message>
        <message>
            <source>M&amp;y e-mail addresses:</source>
            <translation>&amp;Meine E-Mail-Adressen:</translation>
        </message>
        <message>
            <source>(new person)</source>
            <translation>(neue Person)</translation>
        </message>
    </context>
    <context>
        <name>Presence</name>
        <message>
            <source>Presence is the average of your three ratings, lowered by 10% for each mark you logged, from 1 (absent) to 5 (fully present).</source>
            <translation>Die Präsenz ist der Durchschnitt Ihrer drei Bewertungen, um 10 % gesenkt für jeden erfassten Vermerk, von 1 (abwesend) bis 5 (voll präsent).</translation>
        </message>
        <message>
            <source>Presence is the average of your five ratings (empathy counts twice), lowered by 10% for each mark you logged, from 1 (absent) to 5 (fully present).</source>
            <translation>Die Präsenz ist der Durchschnitt Ihrer fünf Bewertungen (Empathie zählt doppelt), um 10 % gesenkt für jeden erfassten Vermerk, von 1 (abwesend) bis 5 (voll präsent).</translation>
        </message>
    </context>
    <context>
        <name>PulseCodeWindow</name>
        <message>
            <source>focusmate: answers on the phone</source>
            <translation>focusmate: Antworten auf dem Handy</translation>
        </message>
        <message>
            <source>QR code of the form's address</source>
            <translation>QR-Code mit der Adresse des Formulars</translation>
        </message>
        <message>
            <source>The form's address</source>
            <translation>Die Adresse des Formulars</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>&amp;Schließen</translation>
        </message>
        <message>
            <source>Ask {name} to scan this code with their phone's camera and answer the three questions there.</source>
            <translation>Bitten Sie {name}, diesen Code mit der Handykamera zu scannen und dort die drei Fragen zu beantworten.</translation>
        </message>
        <message>
            <source>For {name} · expires at {time}</source>
            <translation>Für {name} · gültig bis {time}</translation>
        </message>
        <message>
            <source>{name}'s answers are saved.</source>
            <translation>Die Antworten von {name} sind gespeichert.</translation>
        </message>
        <message>
            <source>This code expired before {name} answered. Open a new one to try again.</source>
            <translation>Dieser Code ist abgelaufen, bevor {name} geantwortet hat. Öffnen Sie einen neuen, um es noch einmal zu versuchen.</translation>
        </message>
        <message>
            <source>{name}'s answers came but could not be saved: {detail}</source>
            <translation>Die Antworten von {name} sind angekommen, konnten aber nicht gespeichert werden: {detail}</translation>
        </message>
        <message>
            <source>The form is closed.</source>
            <translation>Das Formular ist geschlossen.</translation>
        </message>
        <message>
            <source>Answering on the phone is not available.</source>
            <translation>Das Beantworten auf dem Handy ist hier nicht verfügbar.</translation>
        </message>
    </context>
    <context>
        <name>PulseDialog</name>
        <message>
            <source>Their side: {name}, {day}</source>
            <translation>Die andere Seite: {name}, {day}</translation>
        </message>
        <message>
            <source>How did {name} see the session? Ask these three questions out loud, or send them as a message and type the answers in when they come back. 5 is always the best answer.</source>
            <translation>Wie hat {name} das Gespräch erlebt? Stellen Sie die drei Fragen mündlich, oder schicken Sie sie als Nachricht und tippen Sie die Antworten hier ein, wenn sie zurückkommen. 5 ist immer die beste Antwort.</translation>
        </message>
        <message>
            <source>Asked out loud, typed in</source>
            <translation>Mündlich gefragt, hier eingetippt</translation>
        </message>
        <message>
            <source>From a chat message</source>
            <translation>Aus einer Chat-Nachricht</translation>
        </message>
        <message>
            <source>How the answers came</source>
            <translation>Wie die Antworten kamen</translation>
        </message>
        <message>
            <source>&amp;Copy the questions</source>
            <translation>Fragen &amp;kopieren</translation>
        </message>
        <message>
            <source>Puts the three questions on the clipboard, for a chat.</source>
            <translation>Legt die drei Fragen in die Zwischenablage, für einen Chat.</translation>
        </message>
        <message>
            <source>Show a code for their &amp;phone…</source>
            <translation>Code für das &amp;Handy zeigen…</translation>
        </message>
        <message>
            <source>completely</source>
            <translation>voll und ganz</translation>
        </message>
        <message>
            <source>Did you feel heard before you got advice?</source>
            <translation>Haben Sie sich gehört gefühlt, bevor Sie einen Rat bekamen?</translation>
        </message>
        <message>
            <source>not at all</source>
            <translation>gar nicht</translation>
        </message>
        <message>
            <source>Did you have my full attention — no phone, no screen?</source>
            <translation>Hatten Sie meine volle Aufmerksamkeit – kein Handy, kein Bildschirm?</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Ja</translation>
        </message>
        <message>
            <source>Partly</source>
            <translation>Teilweise</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Nein</translation>
        </message>
        <message>
            <source>Did your real concern come up?</source>
            <translation>Kam Ihr eigentliches Anliegen zur Sprache?</translation>
        </message>
        <message>
            <source>Comment (optional)</source>
            <translation>Bemerkung (freiwillig)</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Speichern</translation>
        </message>
        <message>
            <source>Cl&amp;ose</source>
            <translation>Schl&amp;ießen</translation>
        </message>
        <message>
            <source>Their answers</source>
            <translation>Die Antworten</translation>
        </message>
        <message>
            <source>Co&amp;mment (optional)</source>
            <translation>&amp;Bemerkung (freiwillig)</translation>
        </message>
        <message>
            <source>The questions are on the clipboard: paste them into your chat with {name}, then type the answers in here when they come back.</source>
            <translation>Die Fragen sind in der Zwischenablage: Fügen Sie sie in Ihren Chat mit {name} ein und tippen Sie die Antworten hier ein, wenn sie zurückkommen.</translation>
        </message>
        <message>
            <source>Please answer all three questions.</source>
            <translation>Bitte beantworten Sie alle drei Fragen.</translation>
        </message>
        <message>
            <source>The comment is too long: at most {most} characters.</source>
            <translation>Die Bemerkung ist zu lang: höchstens {most} Zeichen.</translation>
        </message>
        <message>
            <source>The comment holds a control character; remove it.</source>
            <translation>Die Bemerkung enthält ein Steuerzeichen; bitte entfernen Sie es.</translation>
        </message>
        <message>
            <source>Not saved: {reason}</source>
            <translation>Nicht gespeichert: {reason}</translation>
        </message>
        <message>
            <source>ddd d MMM</source>
            <extracomment>For translators: a date format for QLocale (ddd: short day name, d: day, MMM: short month name).</extracomment>
            <translation>ddd d. MMM</translation>
        </message>
    </context>
    <context>
        <name>PulsePage</name>
        <message>
            <source>en</source>
            <extracomment>For translators: the language's BCP 47 tag, as in the page's &lt;html lang="..."&gt;.</extracomment>
            <translation>de</translation>
        </message>
        <message>
            <source>Your one-on-one</source>
            <translation>Unser Vier-Augen-Gespräch</translation>
        </message>
        <message>
            <source>Three quick questions about our conversation. Your answers go only to me.</source>
            <translation>Drei kurze Fragen zu unserem Gespräch. Ihre Antworten gehen nur an mich.</translation>
        </message>
        <message>
            <source>Did you feel heard before you got advice?</source>
            <translation>Haben Sie sich gehört gefühlt, bevor Sie einen Rat bekamen?</translation>
        </message>
        <message>
            <source>Did your real concern come up?</source>
            <translation>Kam Ihr eigentliches Anliegen zur Sprache?</translation>
        </message>
        <message>
            <source>Did you have my full attention — no phone, no screen?</source>
            <translation>Hatten Sie meine volle Aufmerksamkeit – kein Handy, kein Bildschirm?</translation>
        </message>
        <message>
            <source>{low} = not at all, {high} = completely</source>
            <translation>{low} = gar nicht, {high} = voll und ganz</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Ja</translation>
        </message>
        <message>
            <source>Partly</source>
            <translation>Teilweise</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Nein</translation>
        </message>
        <message>
            <source>Anything else? (optional)</source>
            <translation>Sonst noch etwas? (freiwillig)</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Senden</translation>
        </message>
        <message>
            <source>Thank you. Your answers are sent; you can close this page.</source>
            <translation>Danke. Ihre Antworten sind gesendet; Sie können diese Seite schließen.</translation>
        </message>
        <message>
            <source>This form is closed: it was answered already or it expired.</source>
            <translation>Dieses Formular ist geschlossen: Es wurde schon beantwortet, oder es ist abgelaufen.</translation>
        </message>
        <message>
            <source>Please answer the three questions.</source>
            <translation>Bitte beantworten Sie die drei Fragen.</translation>
        </message>
    </context>
    <context>
        <name>Reflection</name>
        <message>
            <source>Was I fully present?</source>
            <translation>War ich voll präsent?</translation>
        </message>
        <message>
            <source>half-present</source>
            <translation>halb präsent</translation>
        </message>
        <message>
            <source>fully present</source>
            <translation>voll präsent</translation>
        </message>
        <message>
            <source>Did I pay more attention to my salesperson than to my phone?</source>
            <translation>Galt meine Aufmerksamkeit mehr meinem Gegenüber als meinem Handy?</translation>
        </message>
        <message>
            <source>mostly my phone</source>
            <translation>meist dem Handy</translation>
        </message>
        <message>
            <source>all on them</source>
            <translation>ganz dem Gegenüber</translation>
        </message>
        <message>
            <source>Did I try to understand why before giving advice?</source>
            <translation>Habe ich versucht, das Warum zu verstehen, bevor ich Ratschläge gab?</translation>
        </message>
        <message>
            <source>product dump</source>
            <translation>Produktmonolog</translation>
        </message>
        <message>
            <source>understood first</source>
            <translation>erst verstanden</translation>
        </message>
        <message>
            <source>Did I treat them with the same respect as my top client?</source>
            <translation>Habe ich die Person so respektvoll behandelt wie meinen wichtigsten Kunden?</translation>
        </message>
        <message>
            <source>not at all</source>
            <translation>gar nicht</translation>
        </message>
        <message>
            <source>exactly the same</source>
            <translation>genauso</translation>
        </message>
        <message>
            <source>Did they know I understood what they were thinking and feeling before I gave advice?</source>
            <translation>Wusste die Person, dass ich ihre Gedanken und Gefühle verstanden hatte, bevor ich Ratschläge gab?</translation>
        </message>
        <message>
            <source>advice came first</source>
            <translation>Ratschlag kam zuerst</translation>
        </message>
        <message>
            <source>they felt understood</source>
            <translation>fühlte sich verstanden</translation>
        </message>
        <message>
            <source>A real worry came up</source>
            <translation>Eine echte Sorge kam zur Sprache</translation>
        </message>
        <message>
            <source>They smiled and agreed</source>
            <translation>Nur gelächelt und zugestimmt</translation>
        </message>
        <message>
            <source>Not sure</source>
            <translation>Nicht sicher</translation>
        </message>
        <message>
            <source>Kept</source>
            <translation>Umgesetzt</translation>
        </message>
        <message>
            <source>Partly</source>
            <translation>Teilweise</translation>
        </message>
        <message>
            <source>Not kept</source>
            <translation>Nicht umgesetzt</translation>
        </message>
        <message>
            <source>Did I pay more attention to my client than to my phone?</source>
            <translation>Galt meine Aufmerksamkeit mehr meinem Kunden als meinem Handy?</translation>
        </message>
        <message>
            <source>Did I pay more attention to the people there than to my phone?</source>
            <translation>Galt meine Aufmerksamkeit mehr den Anwesenden als meinem Handy?</translation>
        </message>
        <message>
            <source>Did I listen before I pitched or advised?</source>
            <translation>Habe ich zugehört, bevor ich präsentiert oder geraten habe?</translation>
        </message>
        <message>
            <source>Did I listen before I gave my view?</source>
            <translation>Habe ich zugehört, bevor ich meine Sicht gesagt habe?</translation>
        </message>
        <message>
            <source>talked first</source>
            <translation>erst geredet</translation>
        </message>
        <message>
            <source>listened first</source>
            <translation>erst zugehört</translation>
        </message>
    </context>
    <context>
        <name>ReflectionDialog</name>
        <message>
            <source>Your reflection on the session with {name} ({day})</source>
            <translation>Ihre Reflexion zum Gespräch mit {name} ({day})</translation>
        </message>
        <message>
            <source>Reflect on your session with {name}</source>
            <translation>Reflexion zu Ihrem Gespräch mit {name}</translation>
        </message>
        <message>
            <source>What was {name} thinking or feeling?</source>
            <translation>Was hat {name} gedacht oder gefühlt?</translation>
        </message>
        <message>
            <source>Did a real worry come up?</source>
            <translation>Kam eine echte Sorge zur Sprache?</translation>
        </message>
        <message>
            <source>What was the worry, or what went unsaid?</source>
            <translation>Was war die Sorge, oder was blieb unausgesprochen?</translation>
        </message>
        <message>
            <source>Yes, the same</source>
            <translation>Ja, dieselbe</translation>
        </message>
        <message>
            <source>No, something new</source>
            <translation>Nein, etwas Neues</translation>
        </message>
        <message>
            <source>Is this the same challenge as last time?</source>
            <translation>Ist es dieselbe Herausforderung wie beim letzten Mal?</translation>
        </message>
        <message>
            <source>Last time's commitment</source>
            <translation>Vorhaben vom letzten Mal</translation>
        </message>
        <message>
            <source>One thing I'll do differently next time with {name}</source>
            <translation>Eine Sache, die ich beim nächsten Mal mit {name} anders mache</translation>
        </message>
        <message>
            <source>Presence</source>
            <translation>Präsenz</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>S&amp;peichern</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>&amp;Schließen</translation>
        </message>
        <message>
            <source>&amp;Later</source>
            <translation>&amp;Später</translation>
        </message>
        <message>
            <source>Take a few minutes now that {name} has left. 5 is always the best answer. &lt;i&gt;Keys: Tab moves on, a number picks (1 = first), Ctrl+Enter saves.&lt;/i&gt;</source>
            <translation>Nehmen Sie sich ein paar Minuten, jetzt, da {name} gegangen ist. 5 ist immer die beste Antwort. &lt;i&gt;Tasten: Tab geht weiter, eine Zahl wählt aus (1 = erste Option), Strg+Eingabe speichert.&lt;/i&gt;</translation>
        </message>
        <message>
            <source>Saved. Ask {name} for their side?</source>
            <translation>Gespeichert. {name} nach der eigenen Sicht fragen?</translation>
        </message>
        <message>
            <source>&amp;Their answers…</source>
            <translation>Antworten des &amp;Gegenübers…</translation>
        </message>
        <message>
            <source>Was I present?</source>
            <translation>War ich präsent?</translation>
        </message>
        <message>
            <source>Empathy first, advice second</source>
            <translation>Erst Empathie, dann Rat</translation>
        </message>
        <message>
            <source>{value} = {meaning}</source>
            <translation>{value} = {meaning}</translation>
        </message>
        <message>
            <source>{question} {value} of {most}</source>
            <translation>{question} {value} von {most}</translation>
        </message>
        <message>
            <source>Did a real worry come up, or did they just smile and agree?</source>
            <translation>Kam eine echte Sorge zur Sprache, oder hat die Person nur gelächelt und zugestimmt?</translation>
        </message>
        <message>
            <source>Last time ({day}): they were “{note}”</source>
            <translation>Letztes Mal ({day}) notiert: „{note}“</translation>
        </message>
        <message>
            <source>Last time ({day}): no note on how they felt.</source>
            <translation>Letztes Mal ({day}): keine Notiz dazu, wie es der Person ging.</translation>
        </message>
        <message>
            <source>Last time you committed: &lt;b&gt;“{commitment}”&lt;/b&gt; — did you?</source>
            <translation>Letztes Mal hatten Sie sich vorgenommen: &lt;b&gt;„{commitment}“&lt;/b&gt; – haben Sie es umgesetzt?</translation>
        </message>
        <message>
            <source>{n} mark logged</source>
            <translation>{n} Vermerk erfasst</translation>
        </message>
        <message>
            <source>{n} marks logged</source>
            <translation>{n} Vermerke erfasst</translation>
        </message>
        <message>
            <source>not rated yet</source>
            <translation>noch nicht bewertet</translation>
        </message>
        <message>
            <source>{score} of {most}</source>
            <translation>{score} von {most}</translation>
        </message>
        <message>
            <source>Presence: &lt;b&gt;{score}&lt;/b&gt; ({marks}). {explanation}</source>
            <translation>Präsenz: &lt;b&gt;{score}&lt;/b&gt; ({marks}). {explanation}</translation>
        </message>
        <message>
            <source>Please give all five ratings ({missing} still open), or choose Later.</source>
            <translation>Bitte geben Sie alle fünf Bewertungen ab (noch {missing} offen), oder wählen Sie „Später“.</translation>
        </message>
        <message>
            <source>Please give all three ratings ({missing} still open), or choose Later.</source>
            <translation>Bitte geben Sie alle drei Bewertungen ab (noch {missing} offen), oder wählen Sie „Später“.</translation>
        </message>
        <message>
            <source>Not saved: {reason}</source>
            <translation>Nicht gespeichert: {reason}</translation>
        </message>
        <message>
            <source>ddd d MMM</source>
            <extracomment>For translators: a date format for QLocale (ddd: short day name, d: day, MMM: short month name).</extracomment>
            <translation>ddd d. MMM</translation>
        </message>
    </context>
    <context>
        <name>ReviewProcess</name>
        <message>
            <source>The weekly review could not open (see the log).</source>
            <translation>Der Wochenrückblick ließ sich nicht öffnen (siehe Protokoll).</translation>
        </message>
        <message>
            <source>The weekly review is not available here.</source>
            <translation>Der Wochenrückblick ist hier nicht verfügbar.</translation>
        </message>
    </context>
    <context>
        <name>ReviewWindow</name>
        <message>
            <source>focusmate: weekly review</source>
            <translation>focusmate: Wochenrückblick</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Zusammenfassung</translation>
        </message>
        <message>
            <source>Scheduled one-on-ones</source>
            <translation>Geplante Einzelgespräche</translation>
        </message>
        <message>
            <source>Insights</source>
            <translation>Erkenntnisse</translation>
        </message>
        <message>
            <source>Clients and your team</source>
            <translation>Kunden und Ihr Team</translation>
        </message>
        <message>
            <source>Widest gap</source>
            <translation>Größte Abweichung</translation>
        </message>
        <message>
            <source>Sessions of the week</source>
            <translation>Gespräche der Woche</translation>
        </message>
        <message>
            <source>People, least presence first</source>
            <translation>Personen, geringste Präsenz zuerst</translation>
        </message>
        <message>
            <source>No coaching sessions this week.</source>
            <translation>Diese Woche gab es keine Coachinggespräche.</translation>
        </message>
        <message>
            <source>Before your next one-on-one, click the focusmate icon and start a session.</source>
            <translation>Klicken Sie vor Ihrem nächsten Einzelgespräch auf das focusmate-Symbol und beginnen Sie ein Gespräch.</translation>
        </message>
        <message>
            <source>Double-click a session, or select it and press Enter, to open its reflection; Their answers… (Alt+A) keeps what the salesperson said.</source>
            <translation>Doppelklicken Sie auf ein Gespräch oder wählen Sie es aus und drücken Sie die Eingabetaste, um seine Reflexion zu öffnen; „Die andere Seite…“ (Alt+S) hält fest, was die Verkäuferin oder der Verkäufer gesagt hat.</translation>
        </message>
        <message>
            <source>Week</source>
            <translation>Woche</translation>
        </message>
        <message>
            <source>◀ &amp;Previous week</source>
            <translation>◀ &amp;Vorherige Woche</translation>
        </message>
        <message>
            <source>&amp;This week</source>
            <translation>Diese &amp;Woche</translation>
        </message>
        <message>
            <source>&amp;Next week ▶</source>
            <translation>&amp;Nächste Woche ▶</translation>
        </message>
        <message>
            <source>&amp;Sessions</source>
            <translation>&amp;Gespräche</translation>
        </message>
        <message>
            <source>P&amp;eople</source>
            <translation>&amp;Personen</translation>
        </message>
        <message>
            <source>Their &amp;answers…</source>
            <translation>Die andere &amp;Seite…</translation>
        </message>
        <message>
            <source>The salesperson's answers about the selected session: typed in, from a chat message, or on their phone.</source>
            <translation>Die Antworten der anderen Seite zum ausgewählten Gespräch: eingetippt, aus einer Chat-Nachricht oder auf deren Handy.</translation>
        </message>
        <message>
            <source>Chart (PN&amp;G)…</source>
            <translation>&amp;Diagramm (PNG)…</translation>
        </message>
        <message>
            <source>Week (&amp;CSV)…</source>
            <translation>Woche (&amp;CSV)…</translation>
        </message>
        <message>
            <source>Week (&amp;JSON)…</source>
            <translation>Woche (&amp;JSON)…</translation>
        </message>
        <message>
            <source>All sessions (ca&amp;lendar)…</source>
            <translation>Alle Gespräche (&amp;Kalender)…</translation>
        </message>
        <message>
            <source>Export:</source>
            <translation>Exportieren:</translation>
        </message>
        <message>
            <source>&lt;b&gt;Week {week}, {year}&lt;/b&gt; · {first} – {last}</source>
            <translation>&lt;b&gt;Woche {week}, {year}&lt;/b&gt; · {first} – {last}</translation>
        </message>
        <message>
            <source>pending</source>
            <translation>ausstehend</translation>
        </message>
        <message>
            <source>{kept} of {asked}</source>
            <translation>{kept} von {asked}</translation>
        </message>
        <message>
            <source>running</source>
            <translation>läuft</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>Tag</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Uhrzeit</translation>
        </message>
        <message>
            <source>With</source>
            <translation>Mit</translation>
        </message>
        <message>
            <source>Minutes</source>
            <translation>Minuten</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Handy</translation>
        </message>
        <message>
            <source>App</source>
            <translation>App-Wechsel</translation>
        </message>
        <message>
            <source>Other marks</source>
            <translation>Andere Vermerke</translation>
        </message>
        <message>
            <source>Presence</source>
            <translation>Präsenz</translation>
        </message>
        <message>
            <source>Their answers</source>
            <translation>Die andere Seite</translation>
        </message>
        <message>
            <source>Sessions</source>
            <translation>Gespräche</translation>
        </message>
        <message>
            <source>Marks per session</source>
            <translation>Vermerke je Gespräch</translation>
        </message>
        <message>
            <source>Commitments kept</source>
            <translation>Vorhaben umgesetzt</translation>
        </message>
        <message>
            <source>8-week trend</source>
            <translation>Trend (8 Wochen)</translation>
        </message>
        <message>
            <source>You vs their answers</source>
            <translation>Sie gegenüber den Antworten</translation>
        </message>
        <message>
            <source>{n} minute</source>
            <translation>{n} Minute</translation>
        </message>
        <message>
            <source>{n} minutes</source>
            <translation>{n} Minuten</translation>
        </message>
        <message>
            <source>Calendar</source>
            <translation>Kalender</translation>
        </message>
        <message>
            <source>none</source>
            <translation>keine</translation>
        </message>
        <message>
            <source>Presence by week, oldest first: {weeks}</source>
            <translation>Präsenz je Woche, älteste zuerst: {weeks}</translation>
        </message>
        <message>
            <source>{minutes} min</source>
            <translation>{minutes} Min.</translation>
        </message>
        <message>
            <source>presence {change}</source>
            <translation>Präsenz {change}</translation>
        </message>
        <message>
            <source>vs last week: {changes}</source>
            <translation>im Vergleich zur Vorwoche: {changes}</translation>
        </message>
        <message>
            <source>{n} session</source>
            <translation>{n} Gespräch</translation>
        </message>
        <message>
            <source>{n} sessions</source>
            <translation>{n} Gespräche</translation>
        </message>
        <message>
            <source>no reflections yet</source>
            <translation>noch keine Reflexionen</translation>
        </message>
        <message>
            <source>average presence {score} of {most}</source>
            <translation>durchschnittliche Präsenz {score} von {most}</translation>
        </message>
        <message>
            <source>d MMM</source>
            <extracomment>For translators: a date format for QLocale (d: day, MMM: short month name), e.g. "23 Nov".</extracomment>
            <translation>d. MMM</translation>
        </message>
        <message>
            <source>ddd d MMM</source>
            <extracomment>For translators: a date format for QLocale (ddd: short day name, d: day, MMM: short month name).</extracomment>
            <translation>ddd d. MMM</translation>
        </message>
        <message>
            <source>You held {held} of {n} scheduled one-on-one</source>
            <translation>Sie haben {held} von {n} geplanten Einzelgespräch geführt</translation>
        </message>
        <message>
            <source>You held {held} of {n} scheduled one-on-ones</source>
            <translation>Sie haben {held} von {n} geplanten Einzelgesprächen geführt</translation>
        </message>
        <message>
            <source>{n} more is still to come</source>
            <translation>{n} weiteres steht noch an</translation>
        </message>
        <message>
            <source>{n} more are still to come</source>
            <translation>{n} weitere stehen noch an</translation>
        </message>
        <message>
            <source>{name}'s was skipped twice in a row</source>
            <translation>das Einzelgespräch mit {name} fiel zweimal in Folge aus</translation>
        </message>
        <message>
            <source>{name}'s was skipped {n} times in a row</source>
            <translation>das Einzelgespräch mit {name} fiel {n}-mal in Folge aus</translation>
        </message>
        <message>
            <source>held {held} of {n} scheduled</source>
            <translation>{held} von {n} geplanten geführt</translation>
        </message>
        <message>
            <source>{n} scheduled one-on-one is still to come</source>
            <translation>{n} geplantes Einzelgespräch steht noch an</translation>
        </message>
        <message>
            <source>{n} scheduled one-on-ones are still to come</source>
            <translation>{n} geplante Einzelgespräche stehen noch an</translation>
        </message>
        <message>
            <source>No answers from them yet</source>
            <translation>Noch keine Antworten von der anderen Seite</translation>
        </message>
        <message>
            <source>heard {heard} · attention {attention}</source>
            <translation>gehört {heard} · Aufmerksamkeit {attention}</translation>
        </message>
        <message>
            <source>Their answers: heard {heard} of {most}, attention {attention} of {most}; their real concern came up: {concern}.</source>
            <translation>Die Antworten: gehört {heard} von {most}, Aufmerksamkeit {attention} von {most}; das eigentliche Anliegen kam zur Sprache: {concern}.</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>ja</translation>
        </message>
        <message>
            <source>partly</source>
            <translation>teilweise</translation>
        </message>
        <message>
            <source>no</source>
            <translation>nein</translation>
        </message>
        <message>
            <source>No answers from them in these eight weeks</source>
            <translation>In diesen acht Wochen keine Antworten von dieser Person</translation>
        </message>
        <message>
            <source>{n} of {needed} answers</source>
            <translation>{n} von {needed} Antworten</translation>
        </message>
        <message>
            <source>{n} of the {needed} answers it takes to compare them with your own ratings</source>
            <translation>{n} der {needed} Antworten, die es für einen Vergleich mit Ihren eigenen Bewertungen braucht</translation>
        </message>
        <message>
            <source>listening {own} vs {theirs} · attention {own_attention} vs {theirs_2}</source>
            <translation>Zuhören {own} ggü. {theirs} · Aufmerksamkeit {own_attention} ggü. {theirs_2}</translation>
        </message>
        <message>
            <source>Over {n} answers: you rated your listening {own}, their answers average {theirs}; you rated your attention {own_attention}, their answers average {theirs_2}.</source>
            <translation>Über {n} Antworten: Sie haben Ihr Zuhören mit {own} bewertet, die Antworten liegen im Schnitt bei {theirs}; Ihre Aufmerksamkeit mit {own_attention}, die Antworten im Schnitt bei {theirs_2}.</translation>
        </message>
        <message>
            <source>Widest gap, with {name}: you rated your listening {own}, their answers {theirs}.</source>
            <translation>Größte Abweichung, bei {name}: Sie haben Ihr Zuhören mit {own} bewertet, die Antworten mit {theirs}.</translation>
        </message>
        <message>
            <source>Widest gap, with {name}: you rated your attention {own}, their answers {theirs}.</source>
            <translation>Größte Abweichung, bei {name}: Sie haben Ihre Aufmerksamkeit mit {own} bewertet, die Antworten mit {theirs}.</translation>
        </message>
        <message>
            <source>This week, clients vs your team: phone checks per hour {client_phone} vs {team_phone}, app switches per hour {client_app} vs {team_app}, presence {client_presence} vs {team_presence}.</source>
            <translation>Diese Woche, Kunden gegenüber Ihrem Team: Blicke aufs Handy pro Stunde {client_phone} gegenüber {team_phone}, App-Wechsel pro Stunde {client_app} gegenüber {team_app}, Präsenz {client_presence} gegenüber {team_presence}.</translation>
        </message>
    </context>
    <context>
        <name>SeriesList</name>
        <message>
            <source>What “{title}” counts as</source>
            <translation>Wie „{title}“ gezählt wird</translation>
        </message>
        <message>
            <source>Recurring meetings</source>
            <translation>Wiederkehrende Termine</translation>
        </message>
        <message>
            <source>What you choose for a series is saved at once, without Save.</source>
            <translation>Ihre Wahl für eine Serie wird sofort gespeichert, ohne „Speichern“.</translation>
        </message>
        <message>
            <source>Recurring meetings appear here once a calendar is added.</source>
            <translation>Wiederkehrende Termine erscheinen hier, sobald ein Kalender hinzugefügt ist.</translation>
        </message>
        <message>
            <source>Automatic (by attendees and title)</source>
            <translation>Automatisch (nach Teilnehmenden und Titel)</translation>
        </message>
        <message>
            <source>Not coaching</source>
            <translation>Kein Coaching</translation>
        </message>
        <message>
            <source>Coaching with {name}</source>
            <translation>Coaching mit {name}</translation>
        </message>
        <message>
            <source>{calendar}, next: {when}</source>
            <translation>{calendar}, nächster Termin: {when}</translation>
        </message>
        <message>
            <source>Could be {names}: choose</source>
            <translation>Könnte {names} sein: Bitte wählen Sie</translation>
        </message>
        <message>
            <source>Not a one-on-one: nobody on the people list is invited or named</source>
            <translation>Kein Einzelgespräch: Niemand aus der Personenliste ist eingeladen oder genannt</translation>
        </message>
        <message>
            <source>Not a one-on-one</source>
            <translation>Kein Einzelgespräch</translation>
        </message>
        <message>
            <source>{names} or {last}</source>
            <translation>{names} oder {last}</translation>
        </message>
    </context>
    <context>
        <name>SessionKind</name>
        <message>
            <source>Coaching session</source>
            <translation>Coaching-Gespräch</translation>
        </message>
        <message>
            <source>Client meeting</source>
            <translation>Kundentermin</translation>
        </message>
    </context>
    <context>
        <name>SessionKindsEditor</name>
        <message>
            <source>&amp;Kinds of session</source>
            <translation>&amp;Gesprächsarten</translation>
        </message>
        <message>
            <source>Kinds of session</source>
            <translation>Gesprächsarten</translation>
        </message>
        <message>
            <source>Team meeting</source>
            <translation>Teambesprechung</translation>
        </message>
        <message>
            <source>Interview</source>
            <translation>Bewerbungsgespräch</translation>
        </message>
        <message>
            <source>Name of a kind of session</source>
            <translation>Name einer Gesprächsart</translation>
        </message>
        <message>
            <source>e.g. Team meeting</source>
            <translation>z. B. Teambesprechung</translation>
        </message>
        <message>
            <source>&amp;Add</source>
            <translation>Hin&amp;zufügen</translation>
        </message>
        <message>
            <source>Re&amp;name</source>
            <translation>&amp;Umbenennen</translation>
        </message>
        <message>
            <source>Re&amp;move</source>
            <translation>Ent&amp;fernen</translation>
        </message>
        <message>
            <source>Your own kinds get the short reflection. Removing one keeps your past sessions as they are.</source>
            <translation>Eigene Gesprächsarten bekommen die kurze Reflexion. Wenn Sie eine entfernen, bleiben Ihre früheren Gespräche, wie sie sind.</translation>
        </message>
    </context>
    <context>
        <name>SessionWindow</name>
        <message>
            <source>focusmate: coaching session</source>
            <translation>focusmate: Coachinggespräch</translation>
        </message>
        <message>
            <source>Marks</source>
            <translation>Vermerke</translation>
        </message>
        <message>
            <source>Do-not-disturb</source>
            <translation>Nicht stören</translation>
        </message>
        <message>
            <source>Hotkeys</source>
            <translation>Tastenkürzel</translation>
        </message>
        <message>
            <source>&amp;Undo last mark</source>
            <translation>Letzten Vermerk &amp;zurücknehmen</translation>
        </message>
        <message>
            <source>Coaching &lt;b&gt;{name}&lt;/b&gt;</source>
            <translation>Coaching mit &lt;b&gt;{name}&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Focus: {focus}</source>
            <translation>Fokus: {focus}</translation>
        </message>
        <message>
            <source>Nothing to undo: only the newest mark can be taken back, within a minute.</source>
            <translation>Nichts zurückzunehmen: Nur der neueste Vermerk kann innerhalb einer Minute zurückgenommen werden.</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>focusmate settings</source>
            <translation>focusmate-Einstellungen</translation>
        </message>
        <message>
            <source> min</source>
            <translation> Min.</translation>
        </message>
        <message>
            <source>Automatic (detect this desktop)</source>
            <translation>Automatisch (diesen Desktop erkennen)</translation>
        </message>
        <message>
            <source>Start focusmate &amp;when I log in</source>
            <translation>focusmate bei der Anmeldung &amp;starten</translation>
        </message>
        <message>
            <source>Let the salesperson answer the pulse on their &amp;phone</source>
            <translation>Ihr Gegenüber die Pulsfragen auf dem &amp;Handy beantworten lassen</translation>
        </message>
        <message>
            <source>focusmate shows a QR code and serves a one-page form on this network for 10 minutes or until they answer. Nothing else of yours is shown.</source>
            <translation>focusmate zeigt einen QR-Code und stellt in diesem Netzwerk ein einseitiges Formular bereit, 10 Minuten lang oder bis die Antwort da ist. Sonst wird nichts von Ihnen gezeigt.</translation>
        </message>
        <message>
            <source>Your kinds of marks</source>
            <translation>Ihre Arten von Vermerken</translation>
        </message>
        <message>
            <source>New kind of mark</source>
            <translation>Neue Art von Vermerk</translation>
        </message>
        <message>
            <source>&amp;Add kind</source>
            <translation>Art &amp;hinzufügen</translation>
        </message>
        <message>
            <source>&amp;Remove kind</source>
            <translation>Art entfe&amp;rnen</translation>
        </message>
        <message>
            <source>Remind me each &amp;morning</source>
            <translation>Jeden &amp;Morgen erinnern</translation>
        </message>
        <message>
            <source>&amp;Calendars</source>
            <translation>&amp;Kalender</translation>
        </message>
        <message>
            <source>&amp;Sync</source>
            <translation>&amp;Synchronisieren</translation>
        </message>
        <message>
            <source>Change &amp;in System Settings…</source>
            <translation>&amp;In den Systemeinstellungen ändern…</translation>
        </message>
        <message>
            <source>Your desktop runs these shortcuts; the keys above are what focusmate asks it for.</source>
            <translation>Ihr Desktop führt diese Tastenkürzel aus; die Tasten oben sind die, die focusmate bei ihm anfragt.</translation>
        </message>
        <message>
            <source>{action}: {trigger}, set in System Settings</source>
            <translation>{action}: {trigger}, festgelegt in den Systemeinstellungen</translation>
        </message>
        <message>
            <source>{action}: no key yet, set one in System Settings</source>
            <translation>{action}: noch keine Taste, legen Sie eine in den Systemeinstellungen fest</translation>
        </message>
        <message>
            <source>The desktop's shortcut settings cannot be opened.</source>
            <translation>Die Tastenkürzel-Einstellungen des Desktops lassen sich nicht öffnen.</translation>
        </message>
        <message>
            <source>Current data folder</source>
            <translation>Aktueller Datenordner</translation>
        </message>
        <message>
            <source>Mo&amp;ve…</source>
            <translation>&amp;Verschieben…</translation>
        </message>
        <message>
            <source>Default &amp;length:</source>
            <translation>Übliche &amp;Dauer:</translation>
        </message>
        <message>
            <source>&amp;Do not disturb:</source>
            <translation>&amp;Nicht stören:</translation>
        </message>
        <message>
            <source>&amp;Time:</source>
            <translation>&amp;Uhrzeit:</translation>
        </message>
        <message>
            <source>On these days:</source>
            <translation>An diesen Tagen:</translation>
        </message>
        <message>
            <source>Data folder</source>
            <translation>Datenordner</translation>
        </message>
        <message>
            <source>A quiet notification invites you to two minutes of morning stillness. It waits while a session runs.</source>
            <translation>Eine leise Benachrichtigung lädt Sie zu zwei Minuten morgendlicher Stille ein. Während eines Gesprächs wartet sie.</translation>
        </message>
        <message>
            <source>Kinds of marks</source>
            <translation>Arten von Vermerken</translation>
        </message>
        <message>
            <source>Global hotkeys (log without looking away)</source>
            <translation>Globale Tastenkürzel (erfassen, ohne wegzuschauen)</translation>
        </message>
        <message>
            <source>&amp;General</source>
            <translation>&amp;Allgemein</translation>
        </message>
        <message>
            <source>Morning r&amp;eminder</source>
            <translation>Morgen&amp;erinnerung</translation>
        </message>
        <message>
            <source>Marks and &amp;hotkeys</source>
            <translation>Vermerke und &amp;Tastenkürzel</translation>
        </message>
        <message>
            <source>Moving copies your data to the folder you choose, checks every copy, then removes the old files. focusmate restarts itself to use the new folder.</source>
            <translation>Beim Verschieben werden Ihre Daten in den gewählten Ordner kopiert, jede Kopie wird geprüft, dann werden die alten Dateien entfernt. focusmate startet danach neu, um den neuen Ordner zu verwenden.</translation>
        </message>
        <message>
            <source>This folder was chosen with {how} when focusmate was started, so it cannot be moved from here.</source>
            <translation>Dieser Ordner wurde beim Start von focusmate mit {how} festgelegt und kann deshalb hier nicht verschoben werden.</translation>
        </message>
        <message>
            <source>Log {kind}</source>
            <translation>{kind} erfassen</translation>
        </message>
        <message>
            <source>Undo last mark</source>
            <translation>Letzten Vermerk zurücknehmen</translation>
        </message>
        <message>
            <source>Hotkey: {action}</source>
            <translation>Tastenkürzel: {action}</translation>
        </message>
        <message>
            <source>{action}:</source>
            <translation>{action}:</translation>
        </message>
        <message>
            <source>Start at login could not be changed, so nothing was saved: {reason}</source>
            <translation>Der Start bei der Anmeldung konnte nicht geändert werden, daher wurde nichts gespeichert: {reason}</translation>
        </message>
        <message>
            <source>Save or cancel your other changes first: moving the data restarts focusmate.</source>
            <translation>Speichern oder verwerfen Sie zuerst Ihre anderen Änderungen: Beim Verschieben der Daten startet focusmate neu.</translation>
        </message>
        <message>
            <source>Choose a new folder for your focusmate data</source>
            <translation>Neuen Ordner für Ihre focusmate-Daten wählen</translation>
        </message>
        <message>
            <source>The move did not work: {reason}</source>
            <translation>Das Verschieben hat nicht geklappt: {reason}</translation>
        </message>
        <message>
            <source>Your data is now in {folder}. These files could not be removed from the old folder {old}; you can delete them yourself: {names}</source>
            <translation>Ihre Daten liegen jetzt in {folder}. Diese Dateien konnten nicht aus dem alten Ordner {old} entfernt werden; Sie können sie selbst löschen: {names}</translation>
        </message>
        <message>
            <source>This folder was chosen when focusmate was started, so it cannot be moved from here.</source>
            <translation>Dieser Ordner wurde beim Start von focusmate festgelegt und kann deshalb hier nicht verschoben werden.</translation>
        </message>
        <message>
            <source>End the session first, then move your data.</source>
            <translation>Beenden Sie zuerst das Gespräch, dann verschieben Sie Ihre Daten.</translation>
        </message>
        <message>
            <source>{folder} is already your data folder.</source>
            <translation>{folder} ist bereits Ihr Datenordner.</translation>
        </message>
        <message>
            <source>{folder} is inside your current data folder. Choose a folder outside it.</source>
            <translation>{folder} liegt in Ihrem aktuellen Datenordner. Wählen Sie einen Ordner außerhalb davon.</translation>
        </message>
        <message>
            <source>{folder} is not a folder.</source>
            <translation>{folder} ist kein Ordner.</translation>
        </message>
        <message>
            <source>{folder} already holds other files ({names}). Choose an empty folder, or make a new one.</source>
            <translation>{folder} enthält bereits andere Dateien ({names}). Wählen Sie einen leeren Ordner, oder legen Sie einen neuen an.</translation>
        </message>
    </context>
    <context>
        <name>Shell</name>
        <message>
            <source>Export ({format})</source>
            <translation>Exportieren ({format})</translation>
        </message>
        <message>
            <source>The export failed: {reason}</source>
            <translation>Der Export ist fehlgeschlagen: {reason}</translation>
        </message>
        <message>
            <source>Your session with {name} is still running.
End it and quit? You can reflect on it next time.</source>
            <translation>Ihr Gespräch mit {name} läuft noch.
Gespräch beenden und focusmate schließen? Sie können es beim nächsten Mal reflektieren.</translation>
        </message>
    </context>
    <context>
        <name>ShortcutHelp</name>
        <message>
            <source>Bind these commands to keys in your desktop's keyboard settings:</source>
            <translation>Legen Sie diese Befehle in den Tastatureinstellungen Ihres Desktops auf Tasten:</translation>
        </message>
        <message>
            <source>GNOME: Settings › Keyboard › View and Customise Shortcuts › Custom Shortcuts (+).</source>
            <translation>GNOME: Einstellungen › Tastatur › Tastenkürzel anzeigen und anpassen › Eigene Tastenkürzel (+).</translation>
        </message>
        <message>
            <source>KDE Plasma: System Settings › Shortcuts › Add New › Command or Script.</source>
            <translation>KDE Plasma: Systemeinstellungen › Kurzbefehle › Neu hinzufügen › Befehl oder Skript.</translation>
        </message>
        <message>
            <source>Global shortcuts of your desktop:</source>
            <translation>Globale Tastenkürzel Ihres Desktops:</translation>
        </message>
        <message>
            <source>{trigger}, set in System Settings</source>
            <translation>{trigger}, festgelegt in den Systemeinstellungen</translation>
        </message>
        <message>
            <source>no key yet: choose one in System Settings</source>
            <translation>noch keine Taste: wählen Sie eine in den Systemeinstellungen</translation>
        </message>
    </context>
    <context>
        <name>StartDialog</name>
        <message>
            <source>Start coaching session</source>
            <translation>Coachinggespräch beginnen</translation>
        </message>
        <message>
            <source>Check &amp;in first…</source>
            <translation>Erst &amp;Check-in…</translation>
        </message>
        <message>
            <source>&amp;Back</source>
            <translation>&amp;Zurück</translation>
        </message>
        <message>
            <source>&amp;Start</source>
            <translation>&amp;Starten</translation>
        </message>
        <message>
            <source>&amp;With:</source>
            <translation>&amp;Mit:</translation>
        </message>
        <message>
            <source>&amp;Minutes:</source>
            <translation>&amp;Dauer:</translation>
        </message>
        <message>
            <source>&amp;Focus:</source>
            <translation>&amp;Fokus:</translation>
        </message>
        <message>
            <source>&amp;Kind:</source>
            <translation>&amp;Art:</translation>
        </message>
        <message>
            <source>Put your phone away. Empathy first, advice second.</source>
            <translation>Legen Sie das Handy weg. Erst Empathie, dann Rat.</translation>
        </message>
        <message>
            <source>Type the salesperson's name first, then check in.</source>
            <translation>Geben Sie zuerst den Namen ein, dann folgt der Check-in.</translation>
        </message>
        <message>
            <source>The salesperson's name is empty.</source>
            <translation>Bitte geben Sie den Namen ein.</translation>
        </message>
        <message>
            <source>Salesperson's name</source>
            <translation>Name des Teammitglieds</translation>
        </message>
        <message>
            <source>Salesperson</source>
            <translation>Teammitglied</translation>
        </message>
        <message>
            <source> min</source>
            <translation> Min.</translation>
        </message>
        <message>
            <source>Planned minutes</source>
            <translation>Geplante Minuten</translation>
        </message>
        <message>
            <source>Optional, e.g. listen first</source>
            <translation>Optional, z. B. erst zuhören</translation>
        </message>
        <message>
            <source>Focus note</source>
            <translation>Fokus-Notiz</translation>
        </message>
        <message>
            <source>Kind of session</source>
            <translation>Art des Gesprächs</translation>
        </message>
    </context>
    <context>
        <name>StartNotice</name>
        <message>
            <source>Your data file was damaged ({damage}). It was kept as {kept_as}, and the backup from {backup_from} was restored.</source>
            <translation>Ihre Datendatei war beschädigt ({damage}). Sie wurde als {kept_as} aufbewahrt, und die Sicherung vom {backup_from} wurde wiederhergestellt.</translation>
        </message>
        <message>
            <source>Your data file was damaged ({damage}) and no good backup was found. It was kept as {kept_as}; the sessions that could be read from it were kept.</source>
            <translation>Ihre Datendatei war beschädigt ({damage}), und es wurde keine intakte Sicherung gefunden. Sie wurde als {kept_as} aufbewahrt; die Gespräche, die sich daraus lesen ließen, wurden übernommen.</translation>
        </message>
        <message>
            <source>Your data file was damaged ({damage}) and no good backup was found. It was kept as {kept_as}; focusmate starts with an empty history.</source>
            <translation>Ihre Datendatei war beschädigt ({damage}), und es wurde keine intakte Sicherung gefunden. Sie wurde als {kept_as} aufbewahrt; focusmate beginnt mit einem leeren Verlauf.</translation>
        </message>
        <message>
            <source>Sessions the backup lacked, read from that file: {recovered}.</source>
            <translation>Gespräche, die der Sicherung fehlten und aus dieser Datei gelesen wurden: {recovered}.</translation>
        </message>
        <message>
            <source>Sessions that could not be read (they stay in that file): {unreadable}.</source>
            <translation>Gespräche, die sich nicht lesen ließen (sie bleiben in dieser Datei): {unreadable}.</translation>
        </message>
        <message>
            <source>Others could read some of your focusmate files ({names} and {n} more); they are private to you again.</source>
            <translation>Andere konnten einige Ihrer focusmate-Dateien lesen ({names} und {n} weitere); sie sind jetzt wieder nur für Sie zugänglich.</translation>
        </message>
        <message>
            <source>Others could read some of your focusmate files ({names}); they are private to you again.</source>
            <translation>Andere konnten einige Ihrer focusmate-Dateien lesen ({names}); sie sind jetzt wieder nur für Sie zugänglich.</translation>
        </message>
        <message>
            <source>The file of the running session was damaged ({damage}). It was kept as {kept_as}; the session goes on as it was before its last change.</source>
            <translation>Die Datei des laufenden Gesprächs war beschädigt ({damage}). Sie wurde als {kept_as} aufbewahrt; das Gespräch läuft weiter, wie es vor seiner letzten Änderung war.</translation>
        </message>
        <message>
            <source>The file of the running session was damaged ({damage}). It was kept as {kept_as}; that session could not be recovered.</source>
            <translation>Die Datei des laufenden Gesprächs war beschädigt ({damage}). Sie wurde als {kept_as} aufbewahrt; dieses Gespräch ließ sich nicht wiederherstellen.</translation>
        </message>
        <message>
            <source>Your settings file was damaged ({damage}). It was kept as {kept_as}; focusmate uses the default settings until you change them.</source>
            <translation>Ihre Einstellungsdatei war beschädigt ({damage}). Sie wurde als {kept_as} aufbewahrt; focusmate verwendet die Standardeinstellungen, bis Sie sie ändern.</translation>
        </message>
        <message>
            <source>A reflection draft was damaged ({damage}). It was kept as {kept_as}; its unsaved answers are not shown.</source>
            <translation>Ein Reflexionsentwurf war beschädigt ({damage}). Er wurde als {kept_as} aufbewahrt; seine nicht gespeicherten Antworten werden nicht angezeigt.</translation>
        </message>
        <message>
            <source>The record of the morning reminder was damaged ({damage}). It was kept as {kept_as}; today's reminder may show once more.</source>
            <translation>Der Eintrag der Morgenerinnerung war beschädigt ({damage}). Er wurde als {kept_as} aufbewahrt; die heutige Erinnerung erscheint vielleicht noch einmal.</translation>
        </message>
        <message>
            <source>{name} in your data folder was a link to {target}. focusmate keeps its files only in its own folder: the link was kept as {kept_as}, and nothing in {target} was changed.</source>
            <translation>{name} in Ihrem Datenordner war ein Verweis auf {target}. focusmate legt seine Dateien nur im eigenen Ordner ab: Der Verweis wurde als {kept_as} aufbewahrt, und in {target} wurde nichts verändert.</translation>
        </message>
        <message>
            <source>{name} in your data folder was a link to {target}. focusmate keeps its files only in its own folder: it now keeps a private copy there, and {target} was left as it was.</source>
            <translation>{name} in Ihrem Datenordner war ein Verweis auf {target}. focusmate legt seine Dateien nur im eigenen Ordner ab: Es bewahrt dort jetzt eine private Kopie auf, und {target} blieb unverändert.</translation>
        </message>
        <message>
            <source>Others can read {target}: delete it, or make it private.</source>
            <translation>Andere können {target} lesen: Löschen Sie die Datei, oder machen Sie sie privat.</translation>
        </message>
        <message>
            <source>The data location file was damaged ({damage}). It was kept as {kept_as}; focusmate uses the default data folder {folder} for now. If your history was in another folder, start focusmate with --data-dir and that folder.</source>
            <translation>Die Datei, die den Ort Ihres Datenordners nennt, war beschädigt ({damage}). Sie wurde als {kept_as} aufbewahrt; focusmate verwendet vorerst den Standard-Datenordner {folder}. Wenn Ihr Verlauf in einem anderen Ordner lag, starten Sie focusmate mit --data-dir und diesem Ordner.</translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message>
            <source>overtime +{clock}</source>
            <translation>überzogen +{clock}</translation>
        </message>
        <message>
            <source>{clock} left</source>
            <translation>noch {clock}</translation>
        </message>
        <message>
            <source>overtime +{n} min</source>
            <translation>überzogen +{n} Min.</translation>
        </message>
        <message>
            <source>{n} min left</source>
            <translation>noch {n} Min.</translation>
        </message>
        <message>
            <source>Overtime: less than a minute</source>
            <translation>Überzogen: weniger als eine Minute</translation>
        </message>
        <message>
            <source>Overtime: {n} minute</source>
            <translation>Überzogen: {n} Minute</translation>
        </message>
        <message>
            <source>Overtime: {n} minutes</source>
            <translation>Überzogen: {n} Minuten</translation>
        </message>
        <message>
            <source>Time left: {n} minute</source>
            <translation>Restzeit: {n} Minute</translation>
        </message>
        <message>
            <source>Time left: {n} minutes</source>
            <translation>Restzeit: {n} Minuten</translation>
        </message>
        <message>
            <source>Idle: no coaching session running</source>
            <translation>Bereit: kein Coachinggespräch läuft</translation>
        </message>
        <message>
            <source>Coaching {name}: {time}; {marks}</source>
            <translation>Coaching mit {name}: {time}; {marks}</translation>
        </message>
    </context>
    <context>
        <name>SyncTab</name>
        <message>
            <source>A folder your sync app syncs, or https://…</source>
            <translation>Ein Ordner, den Ihre Sync-App synchronisiert, oder https://…</translation>
        </message>
        <message>
            <source>&amp;Browse…</source>
            <translation>Ordner &amp;durchsuchen…</translation>
        </message>
        <message>
            <source>No encryption (plain &amp;text)</source>
            <translation>Ohne Verschlüsselung (Kla&amp;rtext)</translation>
        </message>
        <message>
            <source>Plain text writes your sessions, reflections included, readable in the folder. Use it only for a folder that never leaves your own computers.</source>
            <translation>Klartext schreibt Ihre Sitzungen samt Reflexionen lesbar in den Ordner. Nur für einen Ordner, der Ihre eigenen Computer nie verlässt.</translation>
        </message>
        <message>
            <source>T&amp;urn sync on</source>
            <translation>S&amp;ynchronisierung einschalten</translation>
        </message>
        <message>
            <source>Computers seen in the sync folder</source>
            <translation>Computer im Sync-Ordner</translation>
        </message>
        <message>
            <source>Turn sync &amp;off</source>
            <translation>S&amp;ynchronisierung ausschalten</translation>
        </message>
        <message>
            <source>Sync &amp;folder or address:</source>
            <translation>Sync-&amp;Ordner oder Adresse:</translation>
        </message>
        <message>
            <source>Pass&amp;phrase:</source>
            <translation>&amp;Passphrase:</translation>
        </message>
        <message>
            <source>Passphrase &amp;again:</source>
            <translation>Passphrase &amp;wiederholen:</translation>
        </message>
        <message>
            <source>This computer's &amp;name:</source>
            <translation>&amp;Name dieses Computers:</translation>
        </message>
        <message>
            <source>WebDAV user (if it as&amp;ks):</source>
            <translation>WebDAV-&amp;Benutzer (falls verlangt):</translation>
        </message>
        <message>
            <source>WebDAV pass&amp;word:</source>
            <translation>Passwort für WebDA&amp;V:</translation>
        </message>
        <message>
            <source>focusmate writes only its own files in the folder, encrypted with a key from your passphrase. Use the same passphrase on each computer.</source>
            <translation>focusmate schreibt nur eigene Dateien in den Ordner, verschlüsselt mit einem Schlüssel aus Ihrer Passphrase. Verwenden Sie auf jedem Computer dieselbe Passphrase.</translation>
        </message>
        <message>
            <source>Sync folder or address</source>
            <translation>Sync-Ordner oder Adresse</translation>
        </message>
        <message>
            <source>Passphrase</source>
            <translation>Passphrase</translation>
        </message>
        <message>
            <source>Passphrase again</source>
            <translation>Passphrase wiederholen</translation>
        </message>
        <message>
            <source>This computer's name</source>
            <translation>Name dieses Computers</translation>
        </message>
        <message>
            <source>WebDAV user</source>
            <translation>WebDAV-Benutzer</translation>
        </message>
        <message>
            <source>WebDAV password</source>
            <translation>WebDAV-Passwort</translation>
        </message>
        <message>
            <source>encrypted</source>
            <translation>verschlüsselt</translation>
        </message>
        <message>
            <source>plain text</source>
            <translation>Klartext</translation>
        </message>
        <message>
            <source>Syncing through {where} ({mode}): {state}; {pending} change(s) waiting.</source>
            <translation>Synchronisiert über {where} ({mode}): {state}; {pending} Änderung(en) warten.</translation>
        </message>
        <message>
            <source>{name} (this computer)</source>
            <translation>{name} (dieser Computer)</translation>
        </message>
        <message>
            <source>nothing read yet</source>
            <translation>noch nichts gelesen</translation>
        </message>
        <message>
            <source>{name}: last change {last}</source>
            <translation>{name}: letzte Änderung {last}</translation>
        </message>
        <message>
            <source>The sync folder</source>
            <translation>Der Sync-Ordner</translation>
        </message>
        <message>
            <source>The two passphrases differ.</source>
            <translation>Die beiden Passphrasen sind verschieden.</translation>
        </message>
        <message>
            <source>Type a passphrase, or choose plain text.</source>
            <translation>Geben Sie eine Passphrase ein oder wählen Sie Klartext.</translation>
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message>
            <source>focusmate menu</source>
            <translation>focusmate-Menü</translation>
        </message>
    </context>
    <context>
        <name>WeekChart</name>
        <message>
            <source>Week chart</source>
            <translation>Wochendiagramm</translation>
        </message>
        <message>
            <source>ddd d</source>
            <extracomment>For translators: a date format for QLocale, for the chart's day labels (ddd: short day name, d: day).</extracomment>
            <translation>ddd d.</translation>
        </message>
        <message>
            <source>presence {score}</source>
            <translation>Präsenz {score}</translation>
        </message>
        <message>
            <source>{day} · {minutes} min · {phone} phone, {app} app · {presence}</source>
            <translation>{day} · {minutes} Min. · {phone} Handy, {app} App · {presence}</translation>
        </message>
        <message>
            <source>Week {week}, {year}: {sessions}, {minutes}, {phone}, {app}, {presence}.</source>
            <translation>Woche {week}, {year}: {sessions}, {minutes}, {phone}, {app}, {presence}.</translation>
        </message>
        <message>
            <source>{n} session</source>
            <translation>{n} Gespräch</translation>
        </message>
        <message>
            <source>{n} sessions</source>
            <translation>{n} Gespräche</translation>
        </message>
        <message>
            <source>{n} minute of coaching</source>
            <translation>{n} Minute Coaching</translation>
        </message>
        <message>
            <source>{n} minutes of coaching</source>
            <translation>{n} Minuten Coaching</translation>
        </message>
        <message>
            <source>no reflections</source>
            <translation>keine Reflexionen</translation>
        </message>
        <message>
            <source>average presence {score}</source>
            <translation>durchschnittliche Präsenz {score}</translation>
        </message>
        <message>
            <source>ddd d MMM</source>
            <extracomment>For translators: a date format for QLocale (ddd: short day name, d: day, MMM: short month name).</extracomment>
            <translation>ddd d. MMM</translation>
        </message>
        <message>
            <source>{day}: {minutes} min, {phone}, {app}, no score</source>
            <translation>{day}: {minutes} Min., {phone}, {app}, keine Präsenzbewertung</translation>
        </message>
        <message>
            <source>{day}: {minutes} min, {phone}, {app}, score {score}</source>
            <translation>{day}: {minutes} Min., {phone}, {app}, Präsenz {score}</translation>
        </message>
        <message>
            <source>Average presence (1–5)</source>
            <translation>Durchschnittliche Präsenz (1–5)</translation>
        </message>
        <message>
            <source>no reflection</source>
            <translation>keine Reflexion</translation>
        </message>
        <message>
            <source>Marks</source>
            <translation>Vermerke</translation>
        </message>
        <message>
            <source>Minutes in sessions</source>
            <translation>Minuten in Gesprächen</translation>
        </message>
    </context>
    <context>
        <name>Welcome</name>
        <message>
            <source>Start at login could not be changed: {reason}</source>
            <translation>Der Start bei der Anmeldung konnte nicht geändert werden: {reason}</translation>
        </message>
        <message>
            <source>Your choices could not be saved: {reason}</source>
            <translation>Ihre Auswahl konnte nicht gespeichert werden: {reason}</translation>
        </message>
        <message>
            <source>Welcome to focusmate</source>
            <translation>Willkommen bei focusmate</translation>
        </message>
        <message>
            <source>How it works</source>
            <translation>So funktioniert es</translation>
        </message>
        <message>
            <source>During a session</source>
            <translation>Während eines Gesprächs</translation>
        </message>
        <message>
            <source>Hotkeys</source>
            <translation>Tastenkürzel</translation>
        </message>
        <message>
            <source>Desktop shortcuts</source>
            <translation>Desktop-Tastenkürzel</translation>
        </message>
        <message>
            <source>Notifications</source>
            <translation>Benachrichtigungen</translation>
        </message>
        <message>
            <source>Start focusmate when I &amp;log in</source>
            <translation>focusmate beim &amp;Anmelden starten</translation>
        </message>
        <message>
            <source>A quiet notification with two minutes to look back on yesterday's one-on-ones.</source>
            <translation>Eine ruhige Benachrichtigung: zwei Minuten, um auf die Einzelgespräche von gestern zurückzublicken.</translation>
        </message>
        <message>
            <source>You can open this page again from the focusmate menu: Welcome &amp; how it works.</source>
            <translation>Sie können diese Seite jederzeit wieder über das focusmate-Menü öffnen: Willkommen &amp; Anleitung.</translation>
        </message>
        <message>
            <source>&amp;Get started</source>
            <translation>&amp;Loslegen</translation>
        </message>
        <message>
            <source>You can still log marks from the focusmate menu.</source>
            <translation>Sie können Vermerke weiterhin über das focusmate-Menü erfassen.</translation>
        </message>
        <message>
            <source>Global hotkeys do not work on this desktop. You can still log marks from the focusmate menu, or bind the commands below to keys.</source>
            <translation>Globale Tastenkürzel funktionieren auf diesem Desktop nicht. Sie können Vermerke weiterhin über das focusmate-Menü erfassen oder die folgenden Befehle auf Tasten legen.</translation>
        </message>
        <message>
            <source>Your desktop runs focusmate's global shortcuts: accept them if it asks. You can change them in its System Settings, or from focusmate's Settings.</source>
            <translation>Ihr Desktop führt die globalen Tastenkürzel von focusmate aus: Bestätigen Sie sie, wenn er fragt. Ändern können Sie sie in seinen Systemeinstellungen oder über die Einstellungen von focusmate.</translation>
        </message>
        <message>
            <source>No hotkeys are set. Log marks from the focusmate menu, or choose keys in Settings.</source>
            <translation>Es sind keine Tastenkürzel festgelegt. Erfassen Sie Vermerke über das focusmate-Menü, oder wählen Sie Tasten in den Einstellungen.</translation>
        </message>
        <message>
            <source>Top sales producers who become managers often struggle in one-on-one coaching for lack of emotional self-awareness: they arrive harried and half-present, with the phone in sight.</source>
            <translation>Wer als Top-Verkäufer zur Führungskraft befördert wird, tut sich im Einzelcoaching oft schwer, weil die emotionale Selbstwahrnehmung fehlt: Man kommt gehetzt und nur halb präsent, das Handy in Sichtweite.</translation>
        </message>
        <message>
            <source>Salespeople cannot hear advice until they know they have been heard, so empathy comes first and advice second: name what they think and feel, then pause.</source>
            <translation>Teammitglieder können Rat erst annehmen, wenn sie wissen, dass sie gehört wurden; darum kommt zuerst Empathie, dann Rat: Benennen Sie, was die Person denkt und fühlt, und halten Sie dann inne.</translation>
        </message>
        <message>
            <source>focusmate helps you stay present: click its tray icon before a one-on-one and notifications go quiet; log each phone check or app switch with a hotkey; reflect at the end; the weekly review shows where your presence slipped.</source>
            <translation>focusmate hilft Ihnen, präsent zu bleiben: Klicken Sie vor einem Einzelgespräch auf das Symbol im Infobereich, und Benachrichtigungen verstummen; erfassen Sie jeden Blick aufs Handy und jeden App-Wechsel per Tastenkürzel; reflektieren Sie am Ende; der Wochenrückblick zeigt, wo Ihre Präsenz nachließ.</translation>
        </message>
        <message>
            <source>Log a phone check</source>
            <translation>Blick aufs Handy erfassen</translation>
        </message>
        <message>
            <source>Log an app switch</source>
            <translation>App-Wechsel erfassen</translation>
        </message>
        <message>
            <source>Undo the last mark</source>
            <translation>Letzten Vermerk zurücknehmen</translation>
        </message>
        <message>
            <source>Log “{kind}”</source>
            <translation>„{kind}“ erfassen</translation>
        </message>
        <message>
            <source>These keys work in any window, without bringing focusmate forward:</source>
            <translation>Diese Tasten wirken in jedem Fenster, ohne focusmate in den Vordergrund zu holen:</translation>
        </message>
        <message>
            <source>&amp;Remind me each weekday morning at {time}</source>
            <translation>An jedem Werktag morgens um {time} &amp;erinnern</translation>
        </message>
        <message>
            <source>&amp;Remind me in the morning at {time}, on the days chosen in Settings</source>
            <translation>Morgens um {time} &amp;erinnern, an den in den Einstellungen gewählten Tagen</translation>
        </message>
    </context>
    <context>
        <name>Windows</name>
        <message>
            <source>{name} is in a session on {device}. Choose Start again to start one here as well</source>
            <translation>{name} ist in einer Sitzung auf {device}. Wählen Sie erneut Starten, um hier ebenfalls eine zu beginnen</translation>
        </message>
    </context>
</TS>
