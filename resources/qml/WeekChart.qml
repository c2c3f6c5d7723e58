// The weekly review chart (Qt Graphs 2D), hosted by focusmate/ui/week_chart.py in a QQuickWidget.
//
// Data flows one way, Python -> QML: Python sets the series names once and calls setWeek();
// nothing here calls back. Python reads the shown values back from the series objects, found
// by objectName ("dayAxis", "minutesSet", "phoneSet", "appSet", "scoreSeries").
//
// What Qt Graphs (6.10+) offers and how it is used here:
// - Several BarSeries in one GraphsView are laid out side by side within each category (the
//   bars renderer gives every bar series its own slot), so coaching minutes (one BarSet) and
//   marks (a second BarSeries with barsType Stacked: phone checks below app switches) stand
//   next to each other on every day.
// - Since 6.10 every series can have its own axisX/axisY (AbstractSeries.axisX/axisY), and an
//   axis with alignment Qt.AlignRight is drawn on the right: minutes use the view's left axis,
//   marks and the score each have their own right-hand axis.
// - The score LineSeries has its own hidden x ValueAxis from -0.5 to 6.5, so x = day index
//   lands on the centre of that day's category; only days with a score get a point.
// - Qt Graphs 2D has no built-in legend: the legend is a plain Flow under the graph.
// - Qt Graphs draws its grid and axis lines with shaders, which the software scene graph
//   (the renderer week_chart.py selects) does not run. With the software renderer the grid and
//   the baseline are therefore plain Rectangles placed from GraphsView.plotArea, behind the
//   graph; with a GPU renderer (QSG_RHI_BACKEND set) Qt Graphs draws its own grid instead.
//
// Words go through qsTr (lupdate context "WeekChart"); numbers through Qt.locale(), the
// application's default locale. Keyboard: with the chart focused, Left and Right (Home, End)
// pick a day and the figures box shows it, as hovering does; a frame shows the focus.

pragma ComponentBehavior: Bound

import QtQuick
import QtGraphs

Rectangle {
    id: root

    // The mark names are set once from Python (they come from the domain, MarkKind.label).
    property string minutesName: qsTr("Coaching minutes")
    property string phoneName: qsTr("Phone check")
    property string appName: qsTr("App switch")
    property string scoreName: qsTr("Average presence (1–5)")

    // The day picked by keyboard (0 = Monday), -1 until Left or Right is pressed.
    property int keyDay: -1

    // Colours that stay distinguishable on light and dark backgrounds (Okabe–Ito palette).
    readonly property color minutesColor: "#56B4E9"
    readonly property color phoneColor: "#D55E00"
    readonly property color appColor: "#E69F00"
    readonly property color scoreColor: "#009E73"

    // Background, text and grid follow the system palette.
    readonly property color textColor: systemPalette.windowText
    readonly property color gridColor: Qt.tint(systemPalette.window,
                                               Qt.alpha(systemPalette.windowText, 0.18))

    // Which scene graph renders this window (see the note at the top about the grid).
    readonly property bool softwareRenderer: GraphicsInfo.api === GraphicsInfo.Software

    implicitWidth: 720
    implicitHeight: 380
    color: systemPalette.window
    focus: true
    border.width: activeFocus ? 2 : 0
    border.color: systemPalette.highlight

    Keys.onLeftPressed: keyDay = keyDay < 0 ? 6 : Math.max(0, keyDay - 1)
    Keys.onRightPressed: keyDay = Math.min(6, keyDay + 1)
    Keys.onPressed: event => {
        if (event.key === Qt.Key_Home || event.key === Qt.Key_End) {
            keyDay = event.key === Qt.Key_Home ? 0 : 6;
            event.accepted = true;
        }
    }
    onActiveFocusChanged: if (!activeFocus) keyDay = -1

    SystemPalette {
        id: systemPalette
        colorGroup: SystemPalette.Active
    }

    // All three value axes are split into the same number of intervals, so the one grid drawn
    // below serves them all: minutes in steps from minuteSteps, marks in whole steps, and the
    // score from 1 to 5 in steps of 1.
    readonly property int gridIntervals: 4
    readonly property var minuteSteps: [15, 20, 30, 45, 60, 90, 120, 180, 240, 360]

    // Which day (0 = Monday) lies under x, in the plot's coordinates; -1 outside the plot.
    function dayAt(x) {
        const area = graph.plotArea;
        if (area.width <= 0 || x < area.x || x > area.x + area.width)
            return -1;
        return Math.min(6, Math.floor((x - area.x) / area.width * 7));
    }

    // A number in the user's locale with at most `decimals` decimals.
    function number(value, decimals) {
        return Number(value).toLocaleString(Qt.locale(), "f", decimals);
    }

    // What hovering over a day shows: its figures, read back from the series themselves.
    function dayText(day) {
        if (day < 0 || day >= minutesSet.count)
            return "";
        let score = qsTr("no reflection");
        for (let i = 0; i < scoreSeries.count; ++i) {
            if (scoreSeries.at(i).x === day)
                score = qsTr("presence %1").arg(number(scoreSeries.at(i).y, 1));
        }
        return qsTr("%1 · %2 min · %3 phone, %4 app · %5")
            .arg(dayAxis.categories[day]).arg(number(Math.round(minutesSet.at(day)), 0))
            .arg(number(phoneSet.at(day), 0)).arg(number(appSet.at(day), 0)).arg(score);
    }

    // Replace the whole week. Every list has one entry per day, Monday first: categories are
    // the day labels, minutes/phone/app are numbers, scores holds NaN for a day with no score.
    function setWeek(categories, minutes, phone, app, scores) {
        dayAxis.categories = categories;
        minutesSet.values = minutes;
        phoneSet.values = phone;
        appSet.values = app;
        scoreSeries.clear();
        for (let day = 0; day < scores.length; ++day) {
            if (!isNaN(scores[day]))
                scoreSeries.append(day, scores[day]);
        }
        const mostMinutes = Math.max(0, ...minutes);
        let minuteStep = minuteSteps.find(step => step * gridIntervals >= mostMinutes);
        if (minuteStep === undefined)
            minuteStep = Math.ceil(mostMinutes / gridIntervals / 60) * 60;
        minutesAxis.tickInterval = minuteStep;
        minutesAxis.max = minuteStep * gridIntervals;
        let mostMarks = 0;
        for (let day = 0; day < phone.length; ++day)
            mostMarks = Math.max(mostMarks, phone[day] + app[day]);
        const markStep = Math.max(1, Math.ceil(mostMarks / gridIntervals));
        marksAxis.tickInterval = markStep;
        marksAxis.max = markStep * gridIntervals;
    }

    Column {
        anchors.fill: parent
        anchors.margins: 8
        spacing: 6

        Item {
            id: plot
            width: parent.width
            height: parent.height - legend.height - parent.spacing

            // Grid lines of the minutes axis, and the baseline (see the note at the top).
            Repeater {
                model: root.softwareRenderer ? root.gridIntervals + 1 : 0
                delegate: Rectangle {
                    required property int index
                    x: graph.plotArea.x
                    y: Math.round(graph.plotArea.y + graph.plotArea.height
                                  * (1 - index / root.gridIntervals))
                    width: graph.plotArea.width
                    height: 1
                    color: index === 0 ? Qt.alpha(root.textColor, 0.6) : root.gridColor
                }
            }

            GraphsView {
                id: graph
                objectName: "graph"
                anchors.fill: parent
                marginTop: 20
                marginBottom: 4
                marginLeft: 4
                marginRight: 4
                // A score of 1 sits on the baseline: do not clip its point in half.
                clipPlotArea: false

                theme: GraphsTheme {
                    colorScheme: GraphsTheme.ColorScheme.Automatic
                    backgroundVisible: false
                    plotAreaBackgroundVisible: false
                    gridVisible: !root.softwareRenderer
                    grid.mainColor: root.gridColor
                    labelTextColor: root.textColor
                    axisX.labelTextColor: root.textColor
                    axisX.mainColor: root.gridColor
                    axisY.labelTextColor: root.textColor
                    axisY.mainColor: root.gridColor
                }

                axisX: BarCategoryAxis {
                    id: dayAxis
                    objectName: "dayAxis"
                    // Until setWeek(): the short day names, Monday first (dayName counts from Sunday).
                    categories: [1, 2, 3, 4, 5, 6, 0].map(day => Qt.locale().dayName(day, Locale.ShortFormat))
                    gridVisible: false
                    subGridVisible: false
                    lineVisible: false
                }
                axisY: ValueAxis {
                    id: minutesAxis
                    objectName: "minutesAxis"
                    min: 0
                    max: 60
                    tickInterval: 15
                    labelDecimals: 0
                    subTickCount: 0
                    gridVisible: !root.softwareRenderer
                    subGridVisible: false
                    lineVisible: false
                    titleText: root.minutesName
                    titleColor: root.textColor
                }

                BarSeries {
                    id: minutesSeries
                    objectName: "minutesSeries"
                    name: root.minutesName
                    barWidth: 0.8
                    BarSet {
                        id: minutesSet
                        objectName: "minutesSet"
                        label: root.minutesName
                        color: root.minutesColor
                        borderColor: root.minutesColor
                        values: [0, 0, 0, 0, 0, 0, 0]
                    }
                }

                BarSeries {
                    id: marksSeries
                    objectName: "marksSeries"
                    name: qsTr("Marks")
                    barsType: BarSeries.BarsType.Stacked
                    barWidth: 0.6
                    axisY: ValueAxis {
                        id: marksAxis
                        objectName: "marksAxis"
                        alignment: Qt.AlignRight
                        min: 0
                        max: 4
                        tickInterval: 1
                        labelDecimals: 0
                        subTickCount: 0
                        gridVisible: false
                        subGridVisible: false
                        lineVisible: false
                        titleText: qsTr("Marks")
                        titleColor: root.textColor
                    }
                    BarSet {
                        id: phoneSet
                        objectName: "phoneSet"
                        label: root.phoneName
                        color: root.phoneColor
                        borderColor: root.phoneColor
                        values: [0, 0, 0, 0, 0, 0, 0]
                    }
                    BarSet {
                        id: appSet
                        objectName: "appSet"
                        label: root.appName
                        color: root.appColor
                        borderColor: root.appColor
                        values: [0, 0, 0, 0, 0, 0, 0]
                    }
                }

                LineSeries {
                    id: scoreSeries
                    objectName: "scoreSeries"
                    name: root.scoreName
                    color: root.scoreColor
                    width: 2
                    axisX: ValueAxis {
                        objectName: "scoreDayAxis"
                        min: -0.5
                        max: 6.5
                        visible: false
                        lineVisible: false
                        labelsVisible: false
                        gridVisible: false
                        subGridVisible: false
                    }
                    axisY: ValueAxis {
                        id: scoreAxis
                        objectName: "scoreAxis"
                        alignment: Qt.AlignRight
                        min: 1
                        max: 5
                        tickInterval: 1
                        labelDecimals: 0
                        subTickCount: 0
                        gridVisible: false
                        subGridVisible: false
                        lineVisible: false
                        titleText: qsTr("Presence")
                        titleColor: root.textColor
                    }
                    // Qt Graphs sets pointValueY on the delegate when it declares it.
                    pointDelegate: Rectangle {
                        property real pointValueY
                        width: 10
                        height: 10
                        radius: 5
                        color: root.scoreColor
                        border.color: root.color
                        border.width: 1.5

                        Text {
                            anchors.bottom: parent.top
                            anchors.bottomMargin: 2
                            anchors.horizontalCenter: parent.horizontalCenter
                            // Up to two decimals, none trailing: 3.5, 4.75, 1.
                            text: Number(parent.pointValueY.toFixed(2)).toLocaleString(Qt.locale(), "g", 3)
                            color: root.textColor
                            font.pointSize: 8
                        }
                    }
                }
            }
            // Hovering shows the day's figures; so do Left and Right on the focused chart.
            HoverHandler {
                id: hover
                objectName: "hover"
            }

            Rectangle {
                id: hoverBox
                objectName: "hoverBox"
                readonly property bool byKey: root.activeFocus && root.keyDay >= 0
                readonly property int day: byKey ? root.keyDay : root.dayAt(hover.point.position.x)
                // Under the keyboard's day: the centre of its category on the plot.
                readonly property real anchorX: byKey
                    ? graph.plotArea.x + (root.keyDay + 0.5) * graph.plotArea.width / 7
                    : hover.point.position.x + 12
                visible: (byKey || hover.hovered) && day >= 0
                x: Math.min(Math.max(0, anchorX), plot.width - width)
                y: 0
                width: hoverText.implicitWidth + 12
                height: hoverText.implicitHeight + 8
                radius: 3
                color: systemPalette.window
                border.color: root.gridColor

                Text {
                    id: hoverText
                    objectName: "hoverText"
                    anchors.centerIn: parent
                    text: root.dayText(hoverBox.day)
                    color: root.textColor
                }
            }
        }

        Flow {
            id: legend
            objectName: "legend"
            width: parent.width
            leftPadding: graph.plotArea.x
            spacing: 16

            Repeater {
                model: [
                    { name: root.minutesName, color: root.minutesColor, line: false },
                    { name: root.phoneName, color: root.phoneColor, line: false },
                    { name: root.appName, color: root.appColor, line: false },
                    { name: root.scoreName, color: root.scoreColor, line: true },
                ]
                delegate: Row {
                    id: entry
                    required property var modelData
                    spacing: 6

                    Item {
                        width: 16
                        height: 12
                        anchors.verticalCenter: parent.verticalCenter

                        Rectangle {
                            visible: !entry.modelData.line
                            anchors.fill: parent
                            radius: 2
                            color: entry.modelData.color
                        }
                        Rectangle {
                            visible: entry.modelData.line
                            anchors.verticalCenter: parent.verticalCenter
                            width: parent.width
                            height: 2
                            color: entry.modelData.color
                        }
                        Rectangle {
                            visible: entry.modelData.line
                            anchors.centerIn: parent
                            width: 8
                            height: 8
                            radius: 4
                            color: entry.modelData.color
                        }
                    }
                    Text {
                        anchors.verticalCenter: parent.verticalCenter
                        text: entry.modelData.name
                        color: root.textColor
                    }
                }
            }
        }
    }
}
