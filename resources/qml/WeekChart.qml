// The weekly review chart (Qt Graphs 2D), hosted by focusmate/ui/week_chart.py in a QQuickWidget.
//
// Data flows one way, Python -> QML: Python calls setWeek() (and sets the series names once);
// nothing here calls back. Python reads the values back from the series objects found by
// objectName ("minutesSet", "phoneSet", "appSet", "scoreSeries", "dayAxis").
//
// What Qt Graphs (6.10+) offers and how it is used:
// - Several BarSeries in one GraphsView are laid out side by side within each category
//   (the bars renderer gives every bar series its own slot), so coaching minutes (one BarSet)
//   and marks (a second BarSeries with barsType Stacked: phone checks under app switches)
//   stand next to each other for every day.
// - Since 6.10 every series can have its own axisX/axisY (AbstractSeries.axisX/axisY);
//   an axis with alignment Qt.AlignRight is drawn on the right. Minutes use the view's
//   left axis, marks and the score have their own right-hand axes.
// - The score LineSeries has its own hidden x ValueAxis from -0.5 to 6.5, so x = day index
//   lands on the centre of that day's category; only scored days get a point.
// - There is no built-in legend in Qt Graphs 2D: the legend below is a plain Row.
// - The grid and axis lines of Qt Graphs are drawn with shaders, which the software scene
//   graph (the renderer week_chart.py selects) does not run, so the horizontal grid and the
//   baseline are plain Rectangles placed from GraphsView.plotArea instead.

import QtQuick
import QtGraphs

Rectangle {
    id: root

    // Set once from Python (names come from the domain: MarkKind.label).
    property string minutesName: "Coaching minutes"
    property string phoneName: "Phone check"
    property string appName: "App switch"
    property string scoreName: "Avg. reflection score (1–5)"

    // Colours that stay distinguishable on light and dark backgrounds (Okabe–Ito).
    readonly property color minutesColor: "#56B4E9"
    readonly property color phoneColor: "#D55E00"
    readonly property color appColor: "#E69F00"
    readonly property color scoreColor: "#009E73"

    readonly property color textColor: palette.windowText
    readonly property color gridColor: Qt.alpha(palette.windowText, 0.15)

    implicitWidth: 640
    implicitHeight: 360
    color: palette.window

    SystemPalette {
        id: palette
        colorGroup: SystemPalette.Active
    }

    // The upper end of a value axis: a multiple of `step` at or above `value`, at least `floor`.
    function niceMax(value, step, floor) {
        return Math.max(floor, Math.ceil(value / step) * step);
    }

    // Replace the whole week. Every list has one entry per day (Monday first);
    // scores holds NaN for a day without a reflection score.
    function setWeek(categories: list<string>, minutes: list<real>, phone: list<real>,
                     app: list<real>, scores: list<real>) {
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
        minutesAxis.tickInterval = mostMinutes > 120 ? 30 : 15;
        minutesAxis.max = niceMax(mostMinutes, minutesAxis.tickInterval, 60);
        let mostMarks = 0;
        for (let day = 0; day < phone.length; ++day)
            mostMarks = Math.max(mostMarks, phone[day] + (app[day] || 0));
        marksAxis.tickInterval = mostMarks > 10 ? 5 : 1;
        marksAxis.max = niceMax(mostMarks, marksAxis.tickInterval, 4);
    }

    Column {
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4

        GraphsView {
            id: graph
            objectName: "graph"
            width: parent.width
            height: parent.height - legend.height - parent.spacing
            marginTop: 12
            marginBottom: 4
            marginLeft: 4
            marginRight: 4

            theme: GraphsTheme {
                colorScheme: GraphsTheme.ColorScheme.Automatic
                backgroundVisible: false
                plotAreaBackgroundVisible: false
                gridVisible: false
                labelTextColor: root.textColor
                axisX.labelTextColor: root.textColor
                axisX.mainColor: root.gridColor
                axisY.labelTextColor: root.textColor
                axisY.mainColor: root.gridColor
            }

            axisX: BarCategoryAxis {
                id: dayAxis
                objectName: "dayAxis"
                categories: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
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
                gridVisible: false
                subGridVisible: false
                lineVisible: false
                titleText: root.minutesName
                titleColor: root.minutesColor
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
                name: "Marks"
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
                    titleText: "Marks"
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
                    gridVisible: false
                    subGridVisible: false
                }
                axisY: ValueAxis {
                    id: scoreAxis
                    objectName: "scoreAxis"
                    alignment: Qt.AlignRight
                    min: 0
                    max: 5
                    tickInterval: 1
                    labelDecimals: 0
                    subTickCount: 0
                    gridVisible: false
                    subGridVisible: false
                    lineVisible: false
                    titleText: "Score"
                    titleColor: root.scoreColor
                }
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
                        text: parent.pointValueY.toFixed(1)
                        color: root.textColor
                        font.pixelSize: 11
                    }
                }
            }

            // Grid lines for the minutes axis and the baseline, behind the bars (see above).
            Repeater {
                model: Math.floor(minutesAxis.max / minutesAxis.tickInterval) + 1
                delegate: Rectangle {
                    required property int index
                    z: -1
                    x: graph.plotArea.x
                    y: Math.round(graph.plotArea.y + graph.plotArea.height
                                  * (1 - index * minutesAxis.tickInterval / minutesAxis.max))
                    width: graph.plotArea.width
                    height: 1
                    color: index === 0 ? Qt.alpha(root.textColor, 0.5) : root.gridColor
                }
            }
        }

        Row {
            id: legend
            objectName: "legend"
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: 16

            Repeater {
                model: [
                    { name: root.minutesName, color: root.minutesColor, line: false },
                    { name: root.phoneName, color: root.phoneColor, line: false },
                    { name: root.appName, color: root.appColor, line: false },
                    { name: root.scoreName, color: root.scoreColor, line: true },
                ]
                delegate: Row {
                    required property var modelData
                    spacing: 6

                    Item {
                        width: 16
                        height: 12
                        anchors.verticalCenter: parent.verticalCenter
                        Rectangle {
                            visible: !modelData.line
                            anchors.fill: parent
                            radius: 2
                            color: modelData.color
                        }
                        Rectangle {
                            visible: modelData.line
                            anchors.verticalCenter: parent.verticalCenter
                            width: parent.width
                            height: 2
                            color: modelData.color
                        }
                        Rectangle {
                            visible: modelData.line
                            anchors.centerIn: parent
                            width: 8
                            height: 8
                            radius: 4
                            color: modelData.color
                        }
                    }
                    Text {
                        anchors.verticalCenter: parent.verticalCenter
                        text: modelData.name
                        color: root.textColor
                    }
                }
            }
        }
    }
}
