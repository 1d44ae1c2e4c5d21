# Versioned curricula (issue 16), step 1 of 3: the new tables and nullable links.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('curriculum', '0003_department_local_dates'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CurriculumVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='version')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('summary', models.TextField(blank=True, verbose_name='summary')),
                ('thematic_area', models.CharField(max_length=100, verbose_name='thematic area')),
                ('credit_hours', models.DecimalField(blank=True, decimal_places=1, max_digits=5, null=True, verbose_name='credit hours')),
                ('credit_hours_override', models.DecimalField(blank=True, decimal_places=1, help_text='Leave empty to award the hours the content supports. An override above them must be justified in the change note.', max_digits=5, null=True, verbose_name='credit hours override')),
                ('content_hash', models.CharField(blank=True, max_length=64, verbose_name='content hash (SHA-256)')),
                ('change_note', models.TextField(blank=True, verbose_name='change note')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('curriculum', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='curriculum.curriculum')),
                ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'curriculum version',
                'ordering': ['curriculum', 'number'],
                'constraints': [
                    models.UniqueConstraint(fields=('curriculum', 'number'), name='curriculum_version_number_unique'),
                    models.UniqueConstraint(condition=models.Q(('published_at__isnull', True)), fields=('curriculum',), name='curriculum_version_one_draft'),
                    models.CheckConstraint(condition=models.Q(('published_at__isnull', True), models.Q(models.Q(('content_hash', ''), _negated=True), ('credit_hours__gt', 0)), _connector='OR'), name='curriculum_version_published_is_sealed'),
                ],
            },
        ),
        migrations.AddField(
            model_name='curriculum',
            name='current_version',
            field=models.ForeignKey(blank=True, help_text='The published version that new enrollments get.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='curriculum.curriculumversion', verbose_name='current version'),
        ),
        migrations.AddField(
            model_name='module',
            name='version',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='modules', to='curriculum.curriculumversion'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='version',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='assessments', to='curriculum.curriculumversion'),
        ),
        migrations.AddField(
            model_name='enrollment',
            name='version',
            field=models.ForeignKey(null=True, help_text='The version of the curriculum this enrollment is taken on.', on_delete=django.db.models.deletion.PROTECT, related_name='enrollments', to='curriculum.curriculumversion'),
        ),
        migrations.AddField(
            model_name='lessonprogress',
            name='seconds_spent',
            field=models.PositiveIntegerField(default=0, null=True, verbose_name='seconds on the lesson'),
        ),
        migrations.AddField(
            model_name='lessonprogress',
            name='seconds_baseline',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.CreateModel(
            name='LessonClock',
            fields=[
                ('enrollment', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='lesson_clock', serialize=False, to='curriculum.enrollment')),
                ('beat_at', models.DateTimeField()),
                ('lesson', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='curriculum.lesson')),
            ],
        ),
        migrations.CreateModel(
            name='CompletionReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('pending', 'Waiting for review'), ('confirmed', 'Confirmed'), ('returned', 'Returned to the officer')], default='pending', max_length=16, verbose_name='status')),
                ('requested_at', models.DateTimeField(verbose_name='finished at')),
                ('minutes_taken', models.PositiveIntegerField(verbose_name='minutes taken')),
                ('minutes_expected', models.PositiveIntegerField(verbose_name='minutes expected')),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('note', models.TextField(blank=True, verbose_name='note to the officer')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('enrollment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='completion_reviews', to='curriculum.enrollment')),
            ],
            options={
                'ordering': ['-requested_at', '-id'],
                'constraints': [
                    models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('enrollment',), name='completion_review_one_pending'),
                    models.CheckConstraint(condition=models.Q(models.Q(('decided_at__isnull', True), ('status', 'pending')), models.Q(models.Q(('status', 'pending'), _negated=True), ('decided_at__isnull', False)), _connector='OR'), name='completion_review_decided_has_date'),
                    models.CheckConstraint(condition=models.Q(models.Q(('status', 'returned'), _negated=True), models.Q(('note', ''), _negated=True), _connector='OR'), name='completion_review_return_has_note'),
                ],
            },
        ),
    ]
