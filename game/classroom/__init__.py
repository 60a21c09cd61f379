"""Class sessions: join codes, pause points, the survey, anonymous xAPI results, reports and the facilitator guide.

Everything here but the teacher view is pure Python (no pygame): the report and the guide run on a machine without a
display, and the student game writes its results through ``folder.StudentLog``.
"""
