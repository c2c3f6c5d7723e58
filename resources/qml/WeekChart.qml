// The weekly review chart (Qt Graphs 2D), hosted by focusmate/ui/week_chart.py in a QQuickWidget.
//
// Data flows one way, Python -> QML: Python sets the series names once and calls setWeek();
// nothing here calls back. Python reads the shown values back from the series objects, found
// by objectName ("dayAxis", "minutesSet", "phoneSet", "appSet", "scoreSeries").
//
// Small multiples for a busy reader: three panels stacked on one day axis, one message each,
// each with its own single y axis and one number format:
// - minutes in sessions (every kind) per day (bars; whole minutes),
// - marks per day (phone checks below app switches, stacked; whole numbers; the only legend,
//   in this panel's title line, since only this panel has two colours),
// - average presence per day (1-5; a point, labelled with one decimal, only on days with a
//   score, joined by a line).
// The day labels are drawn once, under the last panel, right below it (no empty band).
//
// How Qt Graphs (6.10+) is used:
// - Every panel is its own GraphsView. Their plot areas must line up day for day, but Qt
//   Graphs sizes each y axis by its own labels ("360" is wider than "5"). So no panel lets Qt
//   Graphs draw y labels or titles: the panel titles are Text lines above the panels, the tick
//   labels are Text items in a gutter of the same width (root.gutter) in every panel, and the
//   three views are configured alike, so their plot areas are equal.
// - The presence LineSeries uses a hidden x ValueAxis from -0.5 to 6.5, so x = day index lands
//   on the centre of that day's category in the bar panels above.
// - Qt Graphs draws its grid and axis lines with shaders, which the software scene graph
//   (the renderer week_chart.py selects) does not run. The grid and the baselines are
//   therefore plain Rectangles placed from GraphsView.plotArea, behind each graph, whatever
//   the renderer, and Qt Graphs' own axes are hidden (so they take no room either).
//
// Words go through qsTr (lupdate context "WeekChart"); numbers through Qt.locale(), the
// application's default locale. Keyboard: with the chart focused, Left and Right (Home, End)
// pick a day; the figures box shows it, as hovering does, and a band marks the day in every
// panel; a frame shows the focus.

pragma ComponentBehavior: Bound

import QtQuick
import QtGraphs

Rectangle {
    id: root

    // The mark names are set once from Python (they come from the domain, MarkKind.label).
    property string minutesName: qsTr("Minutes in sessions")
    property string phoneName: qsTr("Phone check")
    property string appName: qsTr("App switch")
    property string scoreName: qsTr("Average presence (1–5)")
    readonly property string marksName: qsTr("Marks")

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

    // The width left of every plot for its tick labels: the same in all panels, so that their
    // days line up (see the note at the top). Wide enough for "1,440" (a day of minutes).
    readonly property real gutter: tickMetrics.advanceWidth + 12

    // Every value axis is split into the same number of intervals: minutes in steps from
    // minuteSteps, marks in whole steps, and the score from 1 to 5 in steps of 1.
    readonly property int gridIntervals: 4
    readonly property var minuteSteps: [15, 20, 30, 45, 60, 90, 120, 180, 240, 360]

    // The day shown in the figures box and marked by the band: by keyboard, or under the mouse.
    readonly property bool dayByKey: activeFocus && keyDay >= 0
    readonly property int shownDay: dayByKey ? keyDay
        : hover.hovered ? dayAt(hover.point.position.x) : -1

    implicitWidth: 720
    implicitHeight: 420
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

    TextMetrics {
        id: tickMetrics
        text: root.number(1440, 0)
    }

    // Which day (0 = Monday) lies under x, in the panels' coordinates; -1 outside the plots.
    function dayAt(x) {
        const area = minutesGraph.plotArea;
        if (area.width <= 0 || x < area.x || x > area.x + area.width)
            return -1;
        return Math.min(6, Math.floor((x - area.x) / area.width * 7));
    }

    // The centre of day `day`'s column, in the panels' coordinates.
    function dayCentre(day) {
        const area = minutesGraph.plotArea;
        return area.x + (day + 0.5) * area.width / 7;
    }

    // A number in the user's locale with exactly `decimals` decimals.
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

    // One panel's grid lines, baseline and tick labels (whole numbers), placed from its plot
    // area; behind the graph. An inline component sees none of the ids above: it is given all.
    component Scale: Item {
        id: scale
        required property GraphsView graph
        required property ValueAxis axis
        required property int intervals
        required property color textColor
        required property color gridColor
        required property real gutter

        anchors.fill: parent

        Repeater {
            model: scale.intervals + 1
            delegate: Item {
                id: tick
                required property int index
                readonly property real lineY: Math.round(scale.graph.plotArea.y
                    + scale.graph.plotArea.height * (1 - index / scale.intervals))

                Rectangle {
                    x: scale.graph.plotArea.x
                    y: tick.lineY
                    width: scale.graph.plotArea.width
                    height: 1
                    color: tick.index === 0 ? Qt.alpha(scale.textColor, 0.6) : scale.gridColor
                }
                Text {
                    objectName: "tickLabel"
                    x: 0
                    y: tick.lineY - height / 2
                    width: scale.gutter - 8
                    horizontalAlignment: Text.AlignRight
                    text: Number(scale.axis.min + (scale.axis.max - scale.axis.min)
                                 * tick.index / scale.intervals)
                        .toLocaleString(Qt.locale(), "f", 0)
                    color: scale.textColor
                    font.pointSize: 8
                }
            }
        }
    }

    // A panel's title, left-aligned with the plots, a little apart from the panel above.
    component Title: Text {
        required property real gutter
        leftPadding: gutter
        topPadding: 10
        font.bold: true
        elide: Text.ElideRight
    }

    // The picked day, marked across all three panels (behind them).
    Rectangle {
        objectName: "dayBand"
        visible: root.shownDay >= 0
        x: panels.x + minutesGraph.plotArea.x + root.shownDay * minutesGraph.plotArea.width / 7
        y: panels.y + minutesPanel.y
        width: minutesGraph.plotArea.width / 7
        height: scorePanel.y + scorePanel.height - minutesPanel.y
        color: Qt.alpha(systemPalette.highlight, 0.12)
    }

    Column {
        id: panels
        objectName: "panels"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 2

        // What the three plots share of the height left after the titles and the day labels.
        readonly property real plotHeight: Math.max(0, height - minutesTitle.height
            - marksTitle.height - scoreTitle.height - days.height - 6 * spacing)

        // Hovering shows the day's figures; so do Left and Right on the focused chart.
        HoverHandler {
            id: hover
            objectName: "hover"
        }

        Title {
            id: minutesTitle
            objectName: "minutesTitle"
            width: parent.width
            topPadding: 0
            gutter: root.gutter
            text: root.minutesName
            color: root.textColor
        }

        Item {
            id: minutesPanel
            width: parent.width
            height: Math.round(panels.plotHeight * 0.34)

            Scale {
                graph: minutesGraph
                axis: minutesAxis
                intervals: root.gridIntervals
                textColor: root.textColor
                gridColor: root.gridColor
                gutter: root.gutter
            }

            GraphsView {
                id: minutesGraph
                objectName: "minutesGraph"
                anchors.fill: parent
                marginTop: 6
                marginBottom: 0
                marginLeft: root.gutter
                marginRight: 8

                theme: GraphsTheme {
                    colorScheme: GraphsTheme.ColorScheme.Automatic
                    backgroundVisible: false
                    plotAreaBackgroundVisible: false
                    gridVisible: false
                    labelTextColor: root.textColor
                }

                axisX: BarCategoryAxis {
                    id: dayAxis
                    objectName: "dayAxis"
                    // Until setWeek(): the short day names, Monday first (dayName counts from Sunday).
                    categories: [1, 2, 3, 4, 5, 6, 0].map(day => Qt.locale().dayName(day, Locale.ShortFormat))
                    visible: false
                    labelsVisible: false
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
                    subTickCount: 0
                    visible: false
                    labelsVisible: false
                    titleText: root.minutesName
                    titleVisible: false
                    gridVisible: false
                    subGridVisible: false
                    lineVisible: false
                }

                BarSeries {
                    id: minutesSeries
                    objectName: "minutesSeries"
                    name: root.minutesName
                    barWidth: 0.6
                    BarSet {
                        id: minutesSet
                        objectName: "minutesSet"
                        label: root.minutesName
                        color: root.minutesColor
                        borderColor: root.minutesColor
                        values: [0, 0, 0, 0, 0, 0, 0]
                    }
                }
            }
        }

        // The marks panel's title carries the chart's only legend: its two colours.
        Item {
            id: marksTitle
            width: parent.width
            height: legend.height + legend.y

            Row {
                id: legend
                objectName: "legend"
                y: 10
                spacing: 16

                Title {
                    gutter: root.gutter
                    topPadding: 0
                    text: root.marksName
                    color: root.textColor
                }

                Repeater {
                    model: [
                        { name: root.phoneName, color: root.phoneColor },
                        { name: root.appName, color: root.appColor },
                    ]
                    delegate: Row {
                        id: entry
                        required property var modelData
                        spacing: 6
                        anchors.verticalCenter: parent.verticalCenter

                        Rectangle {
                            width: 14
                            height: 10
                            radius: 2
                            anchors.verticalCenter: parent.verticalCenter
                            color: entry.modelData.color
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

        Item {
            id: marksPanel
            width: parent.width
            height: Math.round(panels.plotHeight * 0.28)

            Scale {
                graph: marksGraph
                axis: marksAxis
                intervals: root.gridIntervals
                textColor: root.textColor
                gridColor: root.gridColor
                gutter: root.gutter
            }

            GraphsView {
                id: marksGraph
                objectName: "marksGraph"
                anchors.fill: parent
                marginTop: 6
                marginBottom: 0
                marginLeft: root.gutter
                marginRight: 8

                theme: GraphsTheme {
                    colorScheme: GraphsTheme.ColorScheme.Automatic
                    backgroundVisible: false
                    plotAreaBackgroundVisible: false
                    gridVisible: false
                    labelTextColor: root.textColor
                }

                axisX: BarCategoryAxis {
                    categories: dayAxis.categories
                    visible: false
                    labelsVisible: false
                    gridVisible: false
                    subGridVisible: false
                    lineVisible: false
                }
                axisY: ValueAxis {
                    id: marksAxis
                    objectName: "marksAxis"
                    min: 0
                    max: 4
                    tickInterval: 1
                    subTickCount: 0
                    visible: false
                    labelsVisible: false
                    titleText: root.marksName
                    titleVisible: false
                    gridVisible: false
                    subGridVisible: false
                    lineVisible: false
                }

                BarSeries {
                    id: marksSeries
                    objectName: "marksSeries"
                    name: root.marksName
                    barsType: BarSeries.BarsType.Stacked
                    barWidth: 0.6
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
            }
        }

        Title {
            id: scoreTitle
            objectName: "scoreTitle"
            width: parent.width
            gutter: root.gutter
            text: root.scoreName
            color: root.textColor
        }

        Item {
            id: scorePanel
            width: parent.width
            height: panels.plotHeight - minutesPanel.height - marksPanel.height

            Scale {
                graph: scoreGraph
                axis: scoreAxis
                intervals: root.gridIntervals
                textColor: root.textColor
                gridColor: root.gridColor
                gutter: root.gutter
            }

            GraphsView {
                id: scoreGraph
                objectName: "scoreGraph"
                anchors.fill: parent
                // Room above a point at 5 for its label.
                marginTop: 16
                marginBottom: 0
                marginLeft: root.gutter
                marginRight: 8
                // A score of 1 sits on the baseline: do not clip its point in half.
                clipPlotArea: false

                theme: GraphsTheme {
                    colorScheme: GraphsTheme.ColorScheme.Automatic
                    backgroundVisible: false
                    plotAreaBackgroundVisible: false
                    gridVisible: false
                    labelTextColor: root.textColor
                }

                axisX: ValueAxis {
                    objectName: "scoreDayAxis"
                    min: -0.5
                    max: 6.5
                    visible: false
                    labelsVisible: false
                    gridVisible: false
                    subGridVisible: false
                    lineVisible: false
                }
                axisY: ValueAxis {
                    id: scoreAxis
                    objectName: "scoreAxis"
                    min: 1
                    max: 5
                    tickInterval: 1
                    subTickCount: 0
                    visible: false
                    labelsVisible: false
                    titleText: qsTr("Presence")
                    titleVisible: false
                    gridVisible: false
                    subGridVisible: false
                    lineVisible: false
                }

                LineSeries {
                    id: scoreSeries
                    objectName: "scoreSeries"
                    name: root.scoreName
                    color: root.scoreColor
                    width: 2
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
                            objectName: "scoreLabel"
                            anchors.bottom: parent.top
                            anchors.bottomMargin: 2
                            anchors.horizontalCenter: parent.horizontalCenter
                            // Presence always with one decimal: 3.5, 4.8, 1.0.
                            text: root.number(parent.pointValueY, 1)
                            color: root.textColor
                            font.pointSize: 8
                        }
                    }
                }
            }
        }

        // The day labels, once for all three panels, centred under each day's column.
        Item {
            id: days
            objectName: "dayLabels"
            width: parent.width
            height: dayMetrics.height + 4

            TextMetrics {
                id: dayMetrics
                text: "Mo"
            }

            Repeater {
                model: dayAxis.categories
                delegate: Text {
                    required property int index
                    required property string modelData
                    objectName: "dayLabel"
                    x: root.dayCentre(index) - width / 2
                    y: 4
                    text: modelData
                    color: root.textColor
                }
            }
        }
    }

    Rectangle {
        id: hoverBox
        objectName: "hoverBox"
        readonly property int day: root.shownDay
        visible: day >= 0
        x: Math.min(Math.max(0, panels.x + root.dayCentre(Math.max(0, day)) - width / 2),
                    root.width - width)
        y: 2
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
